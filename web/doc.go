// Package web serves the editors' web app and the JSON API over one
// campaign: an overview of every force, each force's figures with where
// they were read, the review queue where a person confirms or corrects a
// figure, the stories with their approvals and embargoes, and downloads of
// the dataset.
//
// Pages are rendered on the server from html/template with no JavaScript;
// every page but the sign-in page needs a session, every form carries the
// session's CSRF token, and nothing from a reply is ever sent to a browser
// as markup it would run: tables are rebuilt from their cells' text and the
// reply's own HTML passes through a strict bluemonday policy. A correction
// is stored beside the figure it corrects and the dataset, facts and
// stories are rebuilt at once by the pipeline.
package web
