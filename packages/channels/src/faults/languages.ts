/**
 * LANGIDs and the language tags of xml:lang. A WS_ERROR has a LANGID (WS_ERROR_PROPERTY_LANGID,
 * 0x0409 by default here); a fault reason has a tag ("en-US"). The docs compare them ("if the
 * language of the fault string matches that of the error object") without saying how; these are
 * the Windows locale names of the common LANGIDs. An unlisted LANGID has no tag, and then only a
 * reason without a language matches it.
 */
const TAGS: ReadonlyMap<number, string> = new Map([
  [0x0401, "ar-SA"],
  [0x0404, "zh-TW"],
  [0x0405, "cs-CZ"],
  [0x0406, "da-DK"],
  [0x0407, "de-DE"],
  [0x0408, "el-GR"],
  [0x0409, "en-US"],
  [0x040a, "es-ES_tradnl"],
  [0x040b, "fi-FI"],
  [0x040c, "fr-FR"],
  [0x040d, "he-IL"],
  [0x040e, "hu-HU"],
  [0x0410, "it-IT"],
  [0x0411, "ja-JP"],
  [0x0412, "ko-KR"],
  [0x0413, "nl-NL"],
  [0x0414, "nb-NO"],
  [0x0415, "pl-PL"],
  [0x0416, "pt-BR"],
  [0x0419, "ru-RU"],
  [0x041d, "sv-SE"],
  [0x041f, "tr-TR"],
  [0x0804, "zh-CN"],
  [0x0807, "de-CH"],
  [0x0809, "en-GB"],
  [0x080c, "fr-BE"],
  [0x0816, "pt-PT"],
  [0x0c07, "de-AT"],
  [0x0c09, "en-AU"],
  [0x0c0a, "es-ES"],
  [0x0c0c, "fr-CA"],
  [0x1009, "en-CA"],
]);

/** The tag of a LANGID ("en-US" for 0x0409), or "" when it is not listed. */
export const languageTag = (langId: number): string => TAGS.get(langId) ?? "";

/**
 * Whether a reason in `lang` is in the error's language: the same tag (case-insensitive, RFC 5646),
 * or a reason that names only the primary language ("en" for en-US), or one without a language.
 */
export function matchesLanguage(lang: string, langId: number): boolean {
  if (lang === "") return true;
  const tag = languageTag(langId).toLowerCase();
  const given = lang.toLowerCase();
  return tag !== "" && (given === tag || tag.startsWith(`${given}-`));
}
