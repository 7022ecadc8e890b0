import { describe, expect, it } from "vitest";
import { normalizeForMatching, postDate, postWords } from "./normalize";

describe("normalizeForMatching", () => {
  it("folds quotes, dashes, spaces and case", () => {
    expect(normalizeForMatching("“It’s  ﬁne” – he said")).toBe('"it\'s fine" - he said');
  });
});

describe("postWords", () => {
  it("drops links, keeping an embedded post's signature as words", () => {
    expect(
      postWords(
        "Is @jacindaardern willing to denounce this legislation? https://t.co/6YMlJiO8zr — Judith Collins (@JudithCollinsMP) August 6, 2018",
      ),
    ).toBe(
      "Is jacindaardern willing to denounce this legislation? — Judith Collins (Judith Collins MP) August 6, 2018",
    );
    expect(postWords("Muslims should carry IDs #WW3pic.twitter.com/TfnWtSocAF")).toBe(
      "Muslims should carry IDs WW 3",
    );
  });

  it("makes words of handles and hashtags, keeping names such as DiCaprio whole", () => {
    expect(postWords("#ScarfaceRemake, starring @LeoDiCaprio, for 2016")).toBe(
      "Scarface Remake, starring Leo DiCaprio, for 2016",
    );
    expect(postWords("#Boycott @SixFlags and ask @LindseyGrahamSC about #Trump2020")).toBe(
      "Boycott Six Flags and ask Lindsey Graham SC about Trump 2020",
    );
    expect(postWords("@realDonaldTrump met @McDonalds")).toBe("real Donald Trump met McDonalds");
    expect(postWords("@AnaKasparian@cenkuygur help!")).toBe("Ana Kasparian cenkuygur help!");
  });

  it("leaves plain text as it was", () => {
    const text = "The MEK was founded in 1963 - by a group of Marxists (write to desk@example.org).";
    expect(postWords(text)).toBe(text);
  });
});

describe("postDate", () => {
  it("reads the day from an embedded post's signature, and nothing from prose", () => {
    expect(
      postDate("Iran could threaten Trump hotels worldwide. — Ilhan Omar (@IlhanMN) January 5, 2020"),
    ).toBe("2020-01-05");
    expect(
      postDate(
        "Footage by Julie Favell pic.twitter.com/0eJ — Center for Biological (@CenterForBioDiv) Jan 6, 2020",
      ),
    ).toBe("2020-01-06");
    expect(postDate("The bridge opened on January 5, 2020.")).toBe(null);
    expect(postDate("— Someone (@someone) February 30, 2020")).toBe(null);
  });
});
