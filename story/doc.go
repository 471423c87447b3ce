// Package story writes one local news story per authority from a
// campaign's facts, checks every number in it, and publishes it with its
// chart.
//
// A journalist writes the story as a template (story.yaml in the campaign
// directory; see Template): headline and standfirst options and a list of
// paragraphs, each with a condition on the force's facts and wording
// variants. The variant a force gets is chosen by a seed made from its id,
// so every rebuild gives the same text and neighbouring forces read
// differently. Numbers are written in British house style (style.go): one
// to nine in words, commas in thousands, "per cent" or "%" as the campaign
// says, financial years as "2023/24", no "1 crimes", and a number that
// opens a sentence spelt out.
//
// Before anything is written, each story is read back by package claims,
// the same reader that checks printed articles: a number no fact of the
// force (or of the nation) supports, or a sentence naming another
// authority, refuses the story, and the report names the force, the
// sentence and the number. Quotes and notes the campaign supplies are
// exempt from the number check but not from the name check.
//
// Publish writes, per force, story.md, story.html, story.json (IPTC ninjs
// 2.1), chart.svg and chart.png, and for the campaign index.html,
// stories.csv and facts.csv. Nothing in the output depends on the clock
// unless Options.Now is given, so two builds give the same bytes.
package story
