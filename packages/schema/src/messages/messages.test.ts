import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { locales } from "../locales";
import { messagesFor, type TMessageId, untranslated } from ".";
import en from "./en.json" with { type: "json" };

/** The arguments and tags a message uses, by name: a translation must use the same ones. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ("value" in element && element.type !== TYPE.literal && typeof element.value === "string")
      into.add(element.value);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

describe("the message catalogs", () => {
  it("are complete in Spanish and French (Arabic is partial, and falls back to English)", () => {
    expect(untranslated("es")).toEqual([]);
    expect(untranslated("fr")).toEqual([]);
    expect(untranslated("ar").length).toBeGreaterThan(0);
    expect(messagesFor("ar")["list.older"]).toBe(en["list.older"]);
  });

  it("parse as ICU messages and use the same arguments as the English", () => {
    for (const locale of locales) {
      const messages = messagesFor(locale);
      for (const id of Object.keys(en) as TMessageId[]) {
        const source = [...argumentsOf(parse(en[id]))].sort();
        const translated = [...argumentsOf(parse(messages[id]))].sort();
        expect({ locale, id, arguments: translated }).toEqual({ locale, id, arguments: source });
      }
    }
  });
});
