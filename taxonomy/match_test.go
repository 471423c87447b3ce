package taxonomy

import (
	"slices"
	"strings"
	"testing"
)

// expectation is what matching one label must give: the key, whether it is
// a usable match, and the alternatives an undecided label must offer.
type expectation struct {
	label string
	key   string // "" for no guess at all
	ok    bool
	alts  []string
}

func checkMatches(t *testing.T, match func(string) (Match, bool), tests []expectation) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			m, ok := match(tt.label)
			if m.Key != tt.key || ok != tt.ok || !sameSet(m.Alternatives, tt.alts) {
				t.Errorf("match(%q) = %q %v alts %v (%.2f, %s); want %q %v alts %v",
					tt.label, m.Key, ok, m.Alternatives, m.Score, m.How, tt.key, tt.ok, tt.alts)
			}
			if ok && m.Score < scoreMin || !ok && m.Score >= scoreMin {
				t.Errorf("match(%q): score %.2f disagrees with ok %v", tt.label, m.Score, ok)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// corpusOffences are the offence labels of expected_figures.csv,
// article_figures.csv and the category column of expected_claims.csv, with
// the key a careful reader gives each. TestCorpusLabelsCovered checks that
// none is missing.
var corpusOffences = []expectation{
	{"Blackmail", "35", true, nil},
	{"Harassment", "8L", true, nil},
	{"Malicious Communications", "8R", true, nil},
	{"Malicious communications", "8R", true, nil},
	{"Obscene publications", "86", true, nil},
	{"Stalking", "8Q", true, nil},
	{"Taking, making or distributing indecent photographs of children", "offence:indecent-images-of-children", true, nil},
	{"Violence against the person", "group:violence-against-the-person", true, nil},
	{"Crimes against society", "group:other-crimes-against-society", true, nil},
	{"Theft", "group:theft", true, nil},
	{"Violence with injury", "group:violence-with-injury", true, nil},
	{"Stalking and harassment", "group:stalking-harassment", true, nil},
	{"Violence", "group:violence-against-the-person", true, nil},
	{"Rape", "group:rape", true, nil},
	{"Other sexual offences", "group:other-sexual-offences", true, nil},
	{"Engage in sexual communication with a child", "offence:sexual-communication-with-a-child", true, nil},
	{"Sending letters with intent to cause distress or anxiety", "8R", true, nil},
	// The claims' own words.
	{"malicious communications", "8R", true, nil},
	{"harassment", "8L", true, nil},
	{"taking, making or distributing indecent photographs or pseudo-photographs of children", "offence:indecent-images-of-children", true, nil},
	{"sending letters with intent to cause distress or anxiety", "8R", true, nil},
	{"stalking", "8Q", true, nil},
	{"assault", "105A", false, []string{"8N"}},
	{"stalking, theft, blackmail and sexual offences", "8Q", false, []string{"group:theft", "35", "group:sexual-offences"}},
	{"violence", "group:violence-against-the-person", true, nil},
	{"crimes against society", "group:other-crimes-against-society", true, nil},
	{"theft", "group:theft", true, nil},
	{"violence with injury", "group:violence-with-injury", true, nil},
	{"stalking and harassment", "group:stalking-harassment", true, nil},
	{"violent crimes", "group:violence-against-the-person", true, nil},
	{"rape", "group:rape", true, nil},
	{"other sexual offences", "group:other-sexual-offences", true, nil},
	{"sexual communications with a child and stalking", "offence:sexual-communication-with-a-child", false, []string{"8Q"}},
	{"inappropriate communication with a minor", "offence:sexual-communication-with-a-child", true, nil},
	{"engaging with sexual communication with a child", "offence:sexual-communication-with-a-child", true, nil},
}

// corpusOutcomes are the outcome labels of the same files.
var corpusOutcomes = []expectation{
	{"Charge/summons", "HO1", true, nil},
	{"Investigation complete, suspect not identified", "HO18", true, nil},
	{"Victim supports police action but evidential difficulties", "HO15", true, nil},
	{"Suspect identified, victim supports action, evidential difficulties", "HO15", true, nil},
	{"Suspect identified, victim withdrew support", "HO16", true, nil},
	{"Suspect not identified", "HO18", true, nil},
	{"Victim does not support police action", "HO16", false, []string{"HO14"}},
	{"Further action by another agency", "HO20", true, nil},
	{"Under investigation", "pending", true, nil},
	{"Suspect identified, evidential difficulties", "HO15", false, []string{"HO16"}},
	// The claims' own words.
	{"charges or summons", "HO1", true, nil},
	{"charges/summons", "HO1", true, nil},
	{"charge or summons", "HO1", true, nil},
	{"charge", "HO1", true, nil},
	{"charges", "HO1", true, nil},
	{"'evidential difficulties'", "HO15", false, []string{"HO16", "HO14"}},
	{"forces most commonly citing 'evidential difficulties'", "HO15", false, []string{"HO16", "HO14"}},
	{"failed to identify the suspect; investigation deemed complete", "HO18", true, nil},
	{"failed to identify the suspect", "HO18", true, nil},
	{"suspect identified but 'evidential difficulties' prevented further police action", "HO15", false, []string{"HO16"}},
	{"victim supports police but 'evidential difficulties' prevent further investigation", "HO15", true, nil},
	{"'evidential difficulties' despite the suspect being identified and victim support", "HO15", true, nil},
	{"victim did support police action but 'evidential difficulties' prevented further investigation", "HO15", true, nil},
	{"suspect identified but the victim withdrew support", "HO16", true, nil},
	{"victim not supporting police action", "HO16", false, []string{"HO14"}},
	{"still under investigation", "pending", true, nil},
	{"dealt with by a partner agency", "HO20", true, nil},
}

func TestMatchOffenceCorpus(t *testing.T) { checkMatches(t, MatchOffence, corpusOffences) }

func TestMatchOutcomeCorpus(t *testing.T) { checkMatches(t, MatchOutcome, corpusOutcomes) }

func TestMatchOffenceVariants(t *testing.T) {
	checkMatches(t, MatchOffence, []expectation{
		{"8R - Malicious Communications", "8R", true, nil},
		{"008L Harassment", "8L", true, nil},
		{"Harassment (8L)", "8L", true, nil},
		{"Malicious communications [HO code 8R]", "8R", true, nil},
		{"8Q", "8Q", true, nil},
		{"HO 35", "35", true, nil},
		{"71/17", "offence:sexual-communication-with-a-child", true, nil},
		{"71/17 - Sexual communication with a child", "offence:sexual-communication-with-a-child", true, nil},
		{"24/18 Controlling prostitution for gain", "24", true, nil},
		{"195/12 Malicious Communications", "8R", true, nil},
		{"Harassment (6)", "8L", true, nil},
		{"Stalking - 1", "8Q", true, nil},
		{"Blackmail: 1", "35", true, nil},
		{"MALICIOUS COMMUNICATIONS", "8R", true, nil},
		{"Malicious Comms", "8R", true, nil},
		{"Malicious communication", "8R", true, nil},
		{"Malicous communications", "8R", true, nil},
		{"Harrassment", "8L", true, nil},
		{"Stalking & Harassment", "group:stalking-harassment", true, nil},
		{"Stalking / harassment", "group:stalking-harassment", true, nil},
		{"Harassment and stalking", "group:stalking-harassment", true, nil},
		{"Sexual offence", "group:sexual-offences", true, nil},
		{"Obscene Publications etc.", "86", true, nil},
		{"Indecent images of children (IIOC)", "offence:indecent-images-of-children", true, nil},
		{"Take, make or distribute indecent photographs of children", "offence:indecent-images-of-children", true, nil},
		{"Sexual communication with a child (s.15A Sexual Offences Act 2003)", "offence:sexual-communication-with-a-child", true, nil},
		{"Section 127 Communications Act 2003", "8R", true, nil},
		{"Threats to kill", "3B", true, nil},
		{"Threat to kill", "3B", true, nil},
		{"Common assault", "105A", true, nil},
		{"Assault with injury", "8N", true, nil},
		{"Assault without injury", "105A", true, nil},
		{"ABH", "8N", true, nil},
		{"GBH", "8N", false, []string{"5D"}},
		{"Sexual assault", "20A", false, []string{"17A", "20B", "17B"}},
		{"Violence without injury", "group:violence-without-injury", true, nil},
		{"Sexual grooming", "88A", true, nil},
		{"Rape of a female aged 16 and over", "19C", true, nil},
		{"Rape of a female child under 13", "19E", true, nil},
		{"Sexual activity involving a child under 16", "22B", true, nil},
		{"Fraud", "group:fraud", true, nil},
		{"Fraud & Forgery", "group:fraud", true, nil},
		{"Criminal Damage", "group:criminal-damage", true, nil},
		{"Criminal damage and arson", "group:criminal-damage-arson", true, nil},
		{"Public Order Offences", "group:public-order", true, nil},
		{"Public disorder", "group:public-order", true, nil},
		{"Miscellaneous crimes against society", "group:miscellaneous-crimes-against-society", true, nil},
		{"Miscellaneous crime", "group:miscellaneous-crimes-against-society", true, nil},
		{"Drug Crime", "group:drug-offences", true, nil},
		{"Sextortion", "35", true, nil},
		{"Violence against the person and sexual offences", "group:violence-against-the-person", false, []string{"group:sexual-offences"}},
		// No match.
		{"Total", "", false, nil},
		{"All offences", "", false, nil},
		{"", "", false, nil},
		{"35", "", false, nil},
		{"Facebook", "", false, nil},
		{"Social media platform", "", false, nil},
		{strings.Repeat("Harassment ", 40), "", false, nil},
	})
}

func TestMatchOutcomeVariants(t *testing.T) {
	checkMatches(t, MatchOutcome, []expectation{
		{"Charged", "HO1", true, nil},
		{"CHARGE / SUMMONS", "HO1", true, nil},
		{"Charge – summons (12)", "HO1", true, nil},
		{"Charged/Summonsed", "HO1", true, nil},
		{"OC1 – Charge/Summons", "HO1", true, nil},
		{"OC15 – Sus/Insuff.Evidence", "HO15", true, nil},
		{"Outcome 15", "HO15", true, nil},
		{"Outcome 15: evidential difficulties", "HO15", true, nil},
		{"HO 18", "HO18", true, nil},
		{"OC1A – Charged/Summons – alternate offence", "HO1A", true, nil},
		{"15 - Evidential difficulties", "HO15", true, nil},
		{"Community resolution (OC8)", "HO8", true, nil},
		{"Evidential difficulties - suspect identified; victim supports action", "HO15", true, nil},
		{"Named Suspect Identified: Victim Supports Police Action But Evidential Difficulties", "HO15", true, nil},
		{"Evidential difficulties victim based, named suspect not identified", "HO14", true, nil},
		{"Investigation complete: no suspect identified", "HO18", true, nil},
		{"No suspect identified", "HO18", true, nil},
		{"Suspect unidentified", "HO18", true, nil},
		{"Transferred to External Agency", "HO20", true, nil},
		{"Pending", "pending", true, nil},
		{"Outcome not yet assigned", "pending", true, nil},
		{"Ongoing investigation", "pending", true, nil},
		{"Caution - Adults", "HO3", true, nil},
		{"Youth caution", "HO2", true, nil},
		{"Community Resolution", "HO8", true, nil},
		{"Penalty Notice for Disorder", "HO6", true, nil},
		{"Prosecution time limit expired", "HO17", true, nil},
		{"Diversionary, educational or intervention activity", "HO22", true, nil},
		{"Evidential difficulties", "HO15", false, []string{"HO16", "HO14"}},
		// The word the negation falls on decides.
		{"Suspect identified", "HO15", false, []string{"HO16"}},
		{"Victim supports police action", "HO15", true, nil},
		// No match.
		{"Total", "", false, nil},
		{"15", "", false, nil},
		{"Outcome 99", "", false, nil},
		{"Arrested", "", false, nil},
	})
}

func TestIsTotalLabel(t *testing.T) {
	tests := []struct {
		label string
		want  bool
	}{
		{"Total", true}, {"TOTAL:", true}, {"Grand total", true}, {"Overall total", true}, {"Totals", true},
		{"Sub-total", true}, {"Subtotal", true}, {"Sum", true}, {"All", true}, {"All offences", true},
		{"Total number of offences recorded", true}, {"Total 2021/22 to 2023/24", true}, {"Total (2023/24)", true},
		{"Total crimes, April 2023 to March 2024", true},
		{"Total harassment", false}, {"Totally", false}, {"Violence", false}, {"All other theft offences", false},
		{"Sum of money", false}, {"", false}, {"Grand larceny", false}, {"Total Malicious Communications", false},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if got := IsTotalLabel(tt.label); got != tt.want {
				t.Errorf("IsTotalLabel(%q) = %v, want %v", tt.label, got, tt.want)
			}
		})
	}
}
