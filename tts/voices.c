/* voices.c - Polly VoiceId/LanguageCode -> espeak-ng voice table (the full
 * Polly VoiceId and LanguageCode enumerations; see docs/voices.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tts/espeak.h"

#define DEFAULT_VOICE "Joanna"

/* espeak-ng has no voice for some regional variants (en-AU, en-IN, fr-CA,
 * de-AT, ...); each borrows the nearest voice of the same language.
 * espeak_ng_SetVoiceByName matches voice file names, so British English
 * is "en" and French "fr" ("en-gb" and "fr-fr" are not found). */
static const struct espeak_lang_map langs[] = {
	{"arb", "ar"},          {"ar-AE", "ar"},
	{"ca-ES", "ca"},        {"cmn-CN", "cmn"},
	{"cs-CZ", "cs"},        {"cy-GB", "cy"},
	{"da-DK", "da"},        {"de-AT", "de"},
	{"de-CH", "de"},        {"de-DE", "de"},
	{"en-AU", "en"},        {"en-GB", "en"},
	{"en-GB-WLS", "en"},    {"en-IE", "en"},
	{"en-IN", "en"},        {"en-NZ", "en"},
	{"en-SG", "en"},        {"en-US", "en-us"},
	{"en-ZA", "en"},        {"es-ES", "es"},
	{"es-MX", "es-419"},    {"es-US", "es-419"},
	{"fi-FI", "fi"},        {"fr-BE", "fr-be"},
	{"fr-CA", "fr"},        {"fr-FR", "fr"},
	{"hi-IN", "hi"},        {"is-IS", "is"},
	{"it-IT", "it"},        {"ja-JP", "ja"},
	{"ko-KR", "ko"},        {"nb-NO", "nb"},
	{"nl-BE", "nl"},        {"nl-NL", "nl"},
	{"pl-PL", "pl"},        {"pt-BR", "pt-br"},
	{"pt-PT", "pt"},        {"ro-RO", "ro"},
	{"ru-RU", "ru"},        {"sv-SE", "sv"},
	{"tr-TR", "tr"},        {"yue-CN", "yue"},
};

#define F true
#define M false

/* Variants differ within a language so that two voices of the same
 * language and gender do not sound identical. */
static const struct espeak_voice_map voices[] = {
	{"Aditi",     "en-IN",     "hi-IN", F, "f3"},
	{"Adriano",   "it-IT",     NULL,    M, "m2"},
	{"Ambre",     "fr-FR",     NULL,    F, "f4"},
	{"Amy",       "en-GB",     NULL,    F, "f3"},
	{"Andres",    "es-MX",     NULL,    M, "m3"},
	{"Aria",      "en-NZ",     NULL,    F, "f3"},
	{"Arlet",     "ca-ES",     NULL,    F, "f3"},
	{"Arthur",    "en-GB",     NULL,    M, "m2"},
	{"Astrid",    "sv-SE",     NULL,    F, "f3"},
	{"Ayanda",    "en-ZA",     NULL,    F, "f3"},
	{"Beatrice",  "it-IT",     NULL,    F, "f4"},
	{"Bianca",    "it-IT",     NULL,    F, "f2"},
	{"Brian",     "en-GB",     NULL,    M, "m3"},
	{"Burcu",     "tr-TR",     NULL,    F, "f2"},
	{"Camila",    "pt-BR",     NULL,    F, "f2"},
	{"Carla",     "it-IT",     NULL,    F, "f3"},
	{"Carmen",    "ro-RO",     NULL,    F, "f3"},
	{"Celine",    "fr-FR",     NULL,    F, "f3"},
	{"Chantal",   "fr-CA",     NULL,    F, "f3"},
	{"Conchita",  "es-ES",     NULL,    F, "f3"},
	{"Cristiano", "pt-PT",     NULL,    M, "m3"},
	{"Daniel",    "de-DE",     NULL,    M, "m2"},
	{"Danielle",  "en-US",     NULL,    F, "f2"},
	{"Dora",      "is-IS",     NULL,    F, "f3"},
	{"Elin",      "sv-SE",     NULL,    F, "f2"},
	{"Emma",      "en-GB",     NULL,    F, "f2"},
	{"Enrique",   "es-ES",     NULL,    M, "m3"},
	{"Ewa",       "pl-PL",     NULL,    F, "f3"},
	{"Filiz",     "tr-TR",     NULL,    F, "f3"},
	{"Florian",   "fr-FR",     NULL,    M, "m4"},
	{"Gabrielle", "fr-CA",     NULL,    F, "f2"},
	{"Geraint",   "en-GB-WLS", NULL,    M, "m3"},
	{"Giorgio",   "it-IT",     NULL,    M, "m3"},
	{"Gregory",   "en-US",     NULL,    M, "m6"},
	{"Gwyneth",   "cy-GB",     NULL,    F, "f3"},
	{"Hala",      "ar-AE",     NULL,    F, "f3"},
	{"Hannah",    "de-AT",     NULL,    F, "f3"},
	{"Hans",      "de-DE",     NULL,    M, "m3"},
	{"Hiujin",    "yue-CN",    NULL,    F, "f3"},
	{"Ida",       "nb-NO",     NULL,    F, "f2"},
	{"Ines",      "pt-PT",     NULL,    F, "f3"},
	{"Isabelle",  "fr-BE",     NULL,    F, "f3"},
	{"Ivy",       "en-US",     NULL,    F, "f4"},
	{"Jacek",     "pl-PL",     NULL,    M, "m3"},
	{"Jan",       "pl-PL",     NULL,    M, "m2"},
	{"Jasmine",   "en-SG",     NULL,    F, "f3"},
	{"Jihye",     "ko-KR",     NULL,    F, "f2"},
	{"Jitka",     "cs-CZ",     NULL,    F, "f3"},
	{"Joanna",    "en-US",     NULL,    F, "f3"},
	{"Joey",      "en-US",     NULL,    M, "m2"},
	{"Justin",    "en-US",     NULL,    M, "m4"},
	{"Kajal",     "en-IN",     "hi-IN", F, "f2"},
	{"Karl",      "is-IS",     NULL,    M, "m3"},
	{"Kazuha",    "ja-JP",     NULL,    F, "f2"},
	{"Kendra",    "en-US",     NULL,    F, "f2"},
	{"Kevin",     "en-US",     NULL,    M, "m5"},
	{"Kimberly",  "en-US",     NULL,    F, "f1"},
	{"Laura",     "nl-NL",     NULL,    F, "f2"},
	{"Lea",       "fr-FR",     NULL,    F, "f2"},
	{"Lennart",   "de-DE",     NULL,    M, "m4"},
	{"Liam",      "fr-CA",     NULL,    M, "m3"},
	{"Lisa",      "nl-BE",     NULL,    F, "f3"},
	{"Liv",       "nb-NO",     NULL,    F, "f3"},
	{"Lorenzo",   "it-IT",     NULL,    M, "m4"},
	{"Lotte",     "nl-NL",     NULL,    F, "f3"},
	{"Lucia",     "es-ES",     NULL,    F, "f2"},
	{"Lupe",      "es-US",     NULL,    F, "f3"},
	{"Mads",      "da-DK",     NULL,    M, "m3"},
	{"Maja",      "pl-PL",     NULL,    F, "f2"},
	{"Marlene",   "de-DE",     NULL,    F, "f3"},
	{"Mathieu",   "fr-FR",     NULL,    M, "m3"},
	{"Matthew",   "en-US",     NULL,    M, "m3"},
	{"Maxim",     "ru-RU",     NULL,    M, "m3"},
	{"Mia",       "es-MX",     NULL,    F, "f3"},
	{"Miguel",    "es-US",     NULL,    M, "m3"},
	{"Mizuki",    "ja-JP",     NULL,    F, "f3"},
	{"Naja",      "da-DK",     NULL,    F, "f3"},
	{"Niamh",     "en-IE",     NULL,    F, "f3"},
	{"Nicole",    "en-AU",     NULL,    F, "f3"},
	{"Ola",       "pl-PL",     NULL,    F, "f4"},
	{"Olivia",    "en-AU",     NULL,    F, "f2"},
	{"Pedro",     "es-US",     NULL,    M, "m2"},
	{"Penelope",  "es-US",     NULL,    F, "f2"},
	{"Raveena",   "en-IN",     NULL,    F, "f4"},
	{"Remi",      "fr-FR",     NULL,    M, "m2"},
	{"Ricardo",   "pt-BR",     NULL,    M, "m3"},
	{"Ruben",     "nl-NL",     NULL,    M, "m3"},
	{"Russell",   "en-AU",     NULL,    M, "m3"},
	{"Ruth",      "en-US",     NULL,    F, "f5"},
	{"Sabrina",   "de-CH",     NULL,    F, "f3"},
	{"Salli",     "en-US",     NULL,    F, "f5"},
	{"Seoyeon",   "ko-KR",     NULL,    F, "f3"},
	{"Sergio",    "es-ES",     NULL,    M, "m2"},
	{"Sofie",     "da-DK",     NULL,    F, "f2"},
	{"Stephen",   "en-US",     NULL,    M, "m1"},
	{"Suvi",      "fi-FI",     NULL,    F, "f3"},
	{"Takumi",    "ja-JP",     NULL,    M, "m3"},
	{"Tatyana",   "ru-RU",     NULL,    F, "f3"},
	{"Thiago",    "pt-BR",     NULL,    M, "m2"},
	{"Tiffany",   "en-US",     NULL,    F, "f4"},
	{"Tomoko",    "ja-JP",     NULL,    F, "f4"},
	{"Vicki",     "de-DE",     NULL,    F, "f2"},
	{"Vitoria",   "pt-BR",     NULL,    F, "f3"},
	{"Zayd",      "ar-AE",     NULL,    M, "m3"},
	{"Zeina",     "arb",       NULL,    F, "f3"},
	{"Zhiyu",     "cmn-CN",    NULL,    F, "f3"},
};

#undef F
#undef M

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

const struct espeak_voice_map *espeak_voice_table(size_t *np)
{
	*np = ARRAY_LEN(voices);
	return voices;
}

const struct espeak_lang_map *espeak_lang_table(size_t *np)
{
	*np = ARRAY_LEN(langs);
	return langs;
}

static const struct espeak_lang_map *lang_find(const char *code)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(langs); i++) {
		if (!strcmp(langs[i].language, code))
			return &langs[i];
	}
	return NULL;
}

/* Polly VoiceIds are case-sensitive enum values: match exactly. */
static const struct espeak_voice_map *voice_find(const char *id)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(voices); i++) {
		if (!strcmp(voices[i].voice_id, id))
			return &voices[i];
	}
	return NULL;
}

int espeak_voice_lookup(const char *voice_id, const char *language_code,
			struct tts_voice *out)
{
	const struct espeak_voice_map *v;
	const struct espeak_lang_map *lang;
	const char *code;

	v = voice_find(voice_id ? voice_id : DEFAULT_VOICE);
	if (!v)
		return ENOENT;
	if (language_code && !lang_find(language_code))
		return ENOENT;

	/* LanguageCode only selects between a bilingual voice's languages;
	 * other voices keep their own language. */
	code = v->language;
	if (language_code && v->alt_language &&
	    !strcmp(language_code, v->alt_language))
		code = v->alt_language;
	lang = lang_find(code);
	if (!lang)
		return ENOENT;
	if (out)
		snprintf(out->engine_voice, sizeof(out->engine_voice), "%s+%s",
			 lang->espeak, v->variant);
	return 0;
}
