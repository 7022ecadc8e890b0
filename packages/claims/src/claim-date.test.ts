import { describe, expect, it } from "vitest";
import { claimDateOf } from "./claim-date";

// Friday 2 August 2019, the date of a seed article.
const published = new Date("2019-08-02T12:00:00Z");

describe("claimDateOf", () => {
  it("reads the day a statement was made from the seed articles' sentences", () => {
    expect(
      claimDateOf(
        '"We have documents, witnesses," Jaafar al-Moussawi, a top Iraqi prosecutor, said Monday, alleging that the MEK aided the campaign.',
        published,
      ),
    ).toBe("2019-07-29");
    expect(
      claimDateOf(
        "Maliki told officials from neighboring countries during a meeting in Baghdad on Saturday that the group must leave.",
        published,
      ),
    ).toBe("2019-07-27");
    expect(
      claimDateOf(
        "On April 1, 2017, Bolton addressed an MEK Nowruz conference in Albania and declared that the MEK would take power.",
        published,
      ),
    ).toBe("2017-04-01");
  });

  it("goes back to the last such day on or before the article's date", () => {
    expect(claimDateOf("The minister said on Friday that prices fell.", published)).toBe("2019-08-02");
    expect(claimDateOf("He said yesterday that 40 schools closed.", published)).toBe("2019-08-01");
    expect(claimDateOf("She told reporters on 3 March that the plant closed.", published)).toBe("2019-03-03");
    expect(claimDateOf("She told reporters on 30 December that the plant closed.", published)).toBe(
      "2018-12-30",
    );
  });

  it("does not date a statement by a date inside what was said", () => {
    expect(
      claimDateOf("The ministry said the bombing on 28 June 1981 killed 70 officials.", published),
    ).toBeNull();
    expect(claimDateOf("He said that on Monday the price rose by 20%.", published)).toBeNull();
    expect(claimDateOf("In 1981 a bombing killed the president, the ministry said.", published)).toBeNull();
    expect(
      claimDateOf("On 28 June 1981 a bombing killed the president and 70 others, officials said.", published),
    ).toBeNull();
  });

  it("wants a day: not a week, a month or a year alone", () => {
    expect(claimDateOf("The minister said last week that prices fell.", published)).toBeNull();
    expect(
      claimDateOf(
        "During a 2017 conference in Paris, Bolton told a room filled with its members that…",
        published,
      ),
    ).toBeNull();
    expect(claimDateOf("The minister said in March that prices fell.", published)).toBeNull();
  });

  it("without the article's date, takes only a full date", () => {
    expect(claimDateOf("The minister said on Monday that prices fell.", null)).toBeNull();
    expect(claimDateOf("The minister said on 3 March 2021 that prices fell.", null)).toBe("2021-03-03");
    expect(claimDateOf("The minister said on 3 March that prices fell.", null)).toBeNull();
  });

  it("never dates a statement after the article", () => {
    expect(claimDateOf("The minister said on 3 March 2031 that prices fell.", published)).toBeNull();
  });
});

describe("claimDateOf: who was told and where", () => {
  it("reads past the audience and the setting, not past what was said", () => {
    expect(claimDateOf("The minister said in an interview on Sunday that prices fell.", published)).toBe(
      "2019-07-28",
    );
    expect(claimDateOf("She told the BBC on Thursday that 40 schools closed.", published)).toBe("2019-08-01");
    expect(claimDateOf("In a speech on 3 March, the minister said prices fell.", published)).toBe(
      "2019-03-03",
    );
    expect(claimDateOf("On Monday, the foreign ministry said 40 people died.", published)).toBe("2019-07-29");
    expect(
      claimDateOf("The ministry said 300 people attended the rally in Tirana on Monday.", published),
    ).toBeNull();
    expect(claimDateOf("He told parliament the plan failed on Monday.", published)).toBeNull();
  });
});
