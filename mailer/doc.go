// Package mailer sends a campaign's requests and reminders by SMTP and
// files the replies that come back.
//
// Sending is at most once per authority. Each request is recorded as
// "sending" in the campaign database before its message is handed to the
// server, and as "awaiting" once the server has said it took it; every
// attempt carries the same Message-Id, fixed when the request was made. A
// run that stops part-way (a crash, a lost connection) is simply run
// again: requests already awaiting are not touched, drafts are sent.
//
// A request found in the "sending" state at the start of a run is the one
// case that cannot be settled from here: the run before stopped between
// handing the message over and recording that it went, and SMTP gives no
// way to ask a server afterwards. Send does not guess. It reports such
// requests as unconfirmed and leaves them alone, because a force that is
// sent the same request twice opens two cases, which costs more to undo
// than a request a person sends by hand. A person looks in the sent mail
// and marks the request awaiting (it went) or draft (it did not), or asks
// for it to be sent again with the same Message-Id, which many mail
// systems drop as a duplicate. A reply or acknowledgement from the force
// settles it too: Receive moves a "sending" request to awaiting, dated
// the day sending began.
//
// Receiving reads an .eml file, an mbox file or a Maildir folder. A
// message is taken to be a force's only when it comes from one of the
// force's mail domains (the registry's, the campaign's authorities.csv, or
// the domain of the address the request went to): a subject carrying a
// force's reference is easy to forge, a sender's domain less so, and a
// From line that a mail server on the way found forged (DMARC fail) counts
// for nothing. What fits no force waits under unmatched/ for a person. Each
// reply is kept unchanged as an .eml under replies/<authority>/, which the
// build reads with its attachments; the attachments are also written out
// under attachments/<authority>/ for people to open, outside replies/ so
// that the build does not count their figures twice. Acknowledgements go
// to mail/<authority>/ and only add to the request's history.
package mailer
