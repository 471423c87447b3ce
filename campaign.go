package foiwire

import "time"

// Campaign is one request sent to many authorities, with what is needed to
// read the replies and write the stories.
type Campaign struct {
	Slug        string
	Title       string
	Topic       string   // the subject in copy: "TikTok"
	Authorities []string // authority ids; empty means every authority in the registry
	Request     string   // the request text sent to every authority
	Questions   []Question
	Quotes      []Quote
	Boilerplate string // "notes to editors" text appended to each story
	// PercentStyle is "per cent" (default) or "%".
	PercentStyle string
	Embargo      time.Time // zero when there is none
	Sender       Sender
}

// Question is one numbered question of the request and what it counts by.
type Question struct {
	ID      string  // "q1", "q1a"
	Text    string  // as asked
	Measure Measure // period, offence or outcome
	// Periods are the periods asked for: for a period question the years to
	// count; for an offence or outcome question usually the one latest year.
	Periods []Period
	// Keywords help match a table to this question when its context is
	// worded differently ("nature of offences", "police action").
	Keywords []string
}

// Quote is a quotation the campaign supplies for every story.
type Quote struct {
	Name string // "Jane Davies"
	Role string // "solicitor at Legal Expert"
	Text string
}

// Sender is who the requests come from.
type Sender struct {
	Name         string
	Email        string
	Organisation string
}
