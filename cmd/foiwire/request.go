package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/mailer"
	"github.com/foiwire/foiwire/request"
)

// requestFlags are the flags every request subcommand shares.
type requestFlags struct {
	db       string
	holidays string
	today    string
}

func newRequestCmd(a *app) *cobra.Command {
	var rf requestFlags
	cmd := &cobra.Command{
		Use:   "request",
		Short: "Send the campaign's request to every authority and track each reply to its deadline",
		Long: `request keeps one request per authority in the campaign database
(DIR/foiwire.db): its reference, FOI address, sent and due dates, and state.

An authority must reply within 20 working days of receiving a request: the
day after receipt is day one, and weekends and England and Wales bank
holidays do not count. A request past that is overdue, and past 40 working
days long overdue. Asking for clarification stops the clock; it starts
again when the clarification arrives.

The bank holidays of 2019 to 2027 are built in; add later years with
--holidays FILE (a CSV with a date column, as gov.uk publishes them).`,
	}
	cmd.PersistentFlags().StringVar(&rf.db, "db", "", "campaign database file (default DIR/foiwire.db)")
	cmd.PersistentFlags().StringVar(&rf.holidays, "holidays", "", "CSV of further bank holidays (columns date,name)")
	cmd.PersistentFlags().StringVar(&rf.today, "today", "", "count as if today were `DATE` (YYYY-MM-DD)")
	cmd.AddCommand(
		newRequestNewCmd(a, &rf),
		newRequestSendCmd(a, &rf),
		newRequestDueCmd(a, &rf),
		newRequestStatusCmd(a, &rf),
		newRequestMarkCmd(a, &rf),
		newRequestRemindCmd(a, &rf),
		newRequestReceiveCmd(a, &rf),
		newRequestUnmatchedCmd(a, &rf),
	)
	return cmd
}

// calendar returns the working-day calendar the flags ask for.
func (rf *requestFlags) calendar() (*calendar.Calendar, error) {
	cal := calendar.EnglandWales()
	if rf.holidays != "" {
		f, err := os.Open(rf.holidays)
		if err != nil {
			return nil, fmt.Errorf("--holidays: %w", err)
		}
		defer f.Close()
		hs, err := calendar.ReadHolidays(f)
		if err != nil {
			return nil, fmt.Errorf("--holidays %s: %w", rf.holidays, err)
		}
		cal.Add(hs...)
	}
	if rf.today != "" {
		d, err := foiwire.ParseDate(rf.today)
		if err != nil {
			return nil, fmt.Errorf("--today: %w", err)
		}
		// Noon, so the day is the same in London and UTC.
		at := d.Time().Add(12 * time.Hour)
		cal.Now = func() time.Time { return at }
	}
	return cal, nil
}

// requestEnv is what a subcommand working on a campaign needs.
type requestEnv struct {
	dir *campaign.Dir
	db  campaignStore
	cal *calendar.Calendar
}

func (rf *requestFlags) open(ctx context.Context, dir string) (*requestEnv, error) {
	cal, err := rf.calendar()
	if err != nil {
		return nil, err
	}
	d, err := campaign.Load(ctx, dir)
	if err != nil {
		return nil, err
	}
	db, err := openStore(ctx, rf.db, dir)
	if err != nil {
		return nil, err
	}
	return &requestEnv{dir: d, db: db, cal: cal}, nil
}

func (e *requestEnv) name(id string) string {
	if a, ok := e.dir.Registry.ByID(id); ok {
		return a.ShortName
	}
	return id
}

// find returns the request a person named: by reference, authority id or
// a force's name ("Lancs Police").
func (e *requestEnv) find(ctx context.Context, key string) (request.Request, error) {
	r, err := e.db.Request(ctx, strings.ToUpper(key))
	if err == nil {
		return r, nil
	}
	id := key
	if _, ok := e.dir.Registry.ByID(key); !ok {
		if id, err = e.dir.Registry.Match(key); err != nil {
			return r, fmt.Errorf("%q is neither a reference nor an authority: %w", key, err)
		}
	}
	r, err = e.db.Request(ctx, id)
	if err != nil {
		return r, fmt.Errorf("no request to %s (make one with foiwire request new)", id)
	}
	return r, nil
}

// filer returns the campaign's mail filer.
func (e *requestEnv) filer(a *app) *mailer.Filer {
	return &mailer.Filer{Dir: e.dir.Path, Campaign: e.dir.Campaign, Registry: e.dir.Registry, Ledger: e.db, Calendar: e.cal, Log: a.logger()}
}

// diskReplies lists the reply files under DIR/replies/, by authority.
func (e *requestEnv) diskReplies() ([]mailer.DiskReply, error) {
	rfs, err := e.dir.Replies()
	if err != nil {
		return nil, err
	}
	var out []mailer.DiskReply
	for _, rf := range rfs {
		st, err := os.Stat(rf.Path)
		if err != nil {
			return nil, fmt.Errorf("reply %s: %w", rf.Path, err)
		}
		rel, err := filepath.Rel(e.dir.Path, rf.Path)
		if err != nil {
			rel = rf.Path
		}
		out = append(out, mailer.DiskReply{Authority: rf.Authority, Path: filepath.ToSlash(rel), ModTime: st.ModTime()})
	}
	return out, nil
}

// markAnswered marks answered the open requests of authorities with reply
// files on disk (see mailer.Filer.MarkAnswered) and says which.
func (e *requestEnv) markAnswered(ctx context.Context, a *app, w io.Writer) error {
	files, err := e.diskReplies()
	if err != nil {
		return err
	}
	done, err := e.filer(a).MarkAnswered(ctx, files)
	for _, d := range done {
		more := ""
		if len(d.Files) > 1 {
			more = fmt.Sprintf(" and %d more", len(d.Files)-1)
		}
		fmt.Fprintf(w, "%s (%s): %s → answered: reply on disk, %s%s\n", d.Request.Reference, e.name(d.Request.Authority),
			d.From.Label(), d.Files[0], more)
	}
	return err
}

// allForces is the --to value meaning every force of England and Wales.
const allForces = "police-england-wales"

func newRequestNewCmd(a *app, rf *requestFlags) *cobra.Command {
	var to, addresses []string
	var sent, prefix string
	cmd := &cobra.Command{
		Use:   "new DIR",
		Short: "Make one request per authority from the campaign's request text",
		Long: `new makes a draft request to each authority from campaign.yaml's request
text, with a reference (such as TT24-LANC-7KQ3MX, quoted in the subject; its
last part is random, so nobody can guess another force's), the
authority's FOI address where it is known (DIR/authorities.csv: see foiwire
authorities import), and a Message-Id of its own.
Authorities that already have a request are left alone, so running new
again only adds the missing ones; --address also fills in the address of
a draft made without one.

--to takes police-england-wales (the 43 territorial forces and British
Transport Police) and authority ids, separated by commas; it defaults to
the campaign's authorities. With --sent, the requests are recorded as sent
on that day (for requests sent by other means) instead of as drafts.`,
		Example: `  foiwire request new my-campaign --to police-england-wales
  foiwire request new my-campaign --to lancashire,dorset --address dorset=foi@dorset.example
  foiwire request new my-campaign --sent 2024-06-03`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			e, err := rf.open(ctx, args[0])
			if err != nil {
				return err
			}
			defer e.db.Close()
			addrs := map[string]string{}
			for _, kv := range addresses {
				id, addr, ok := strings.Cut(kv, "=")
				if _, known := e.dir.Registry.ByID(id); !ok || !known || !strings.Contains(addr, "@") {
					return fmt.Errorf("--address %q: write ID=EMAIL with a known authority id", kv)
				}
				addrs[id] = strings.TrimSpace(addr)
			}
			ids := e.dir.AuthorityIDs()
			if len(to) > 0 {
				if ids, err = expandTo(e, to); err != nil {
					return err
				}
			}
			var forces []foiwire.Authority
			for _, id := range ids {
				au, _ := e.dir.Registry.ByID(id)
				forces = append(forces, au)
			}
			existing, err := e.db.Requests(ctx)
			if err != nil {
				return err
			}
			now := e.cal.Now
			if now == nil {
				now = time.Now
			}
			made := request.Make(e.dir.Campaign, forces, existing, request.MakeOptions{Prefix: prefix, At: now(), Addresses: addrs})
			if sent != "" {
				on, err := foiwire.ParseDate(sent)
				if err != nil {
					return fmt.Errorf("--sent: %w", err)
				}
				for i := range made {
					if err := made[i].Apply(request.Change{To: request.Awaiting, At: now(), On: on, Note: "sent by other means"}, e.cal); err != nil {
						return err
					}
				}
			}
			if err := e.db.AddRequests(ctx, made); err != nil {
				return err
			}
			updated := 0
			for _, r := range existing {
				if addr, ok := addrs[r.Authority]; ok && r.State == request.Draft && r.To != addr {
					r.To = addr
					if err := e.db.UpdateRequest(ctx, r, request.Draft); err != nil {
						return err
					}
					updated++
				}
			}
			w := a.stdout
			switch len(made) {
			case 0:
				fmt.Fprintf(w, "No new requests: all %d authorities asked already have one.\n", len(ids))
			default:
				fmt.Fprintf(w, "Made %d requests, %s to %s.\n", len(made), made[0].Reference, made[len(made)-1].Reference)
			}
			if n := len(ids) - len(made); n > 0 && len(made) > 0 {
				fmt.Fprintf(w, "%d authorities already had one.\n", n)
			}
			if updated > 0 {
				fmt.Fprintf(w, "Set the address of %d drafts.\n", updated)
			}
			all, err := e.db.Requests(ctx)
			if err != nil {
				return err
			}
			var missing []string
			for _, r := range all {
				if r.To == "" && r.State == request.Draft {
					missing = append(missing, r.Authority)
				}
			}
			if len(missing) > 0 {
				slices.Sort(missing)
				fmt.Fprintf(w, "No FOI address for %d: %s.\nGive each with --address ID=EMAIL (or send those by hand and mark them awaiting).\n",
					len(missing), strings.Join(missing, ", "))
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&to, "to", nil, "who to ask: "+allForces+" and/or authority ids, comma-separated")
	cmd.Flags().StringArrayVar(&addresses, "address", nil, "FOI address for one authority, as `ID=EMAIL` (repeatable)")
	cmd.Flags().StringVar(&sent, "sent", "", "record the requests as sent on `DATE` instead of as drafts")
	cmd.Flags().StringVar(&prefix, "prefix", "", "start of every reference (default from the campaign: TT24)")
	return cmd
}

func expandTo(e *requestEnv, to []string) ([]string, error) {
	var ids []string
	add := func(id string) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, t := range to {
		t = strings.TrimSpace(t)
		switch {
		case t == "":
		case t == allForces:
			for _, au := range e.dir.Registry.All() {
				add(au.ID)
			}
		default:
			if _, ok := e.dir.Registry.ByID(t); ok {
				add(t)
				continue
			}
			id, err := e.dir.Registry.Match(t)
			if err != nil {
				return nil, fmt.Errorf("--to %q: %w", t, err)
			}
			add(id)
		}
	}
	return ids, nil
}

// smtpFlags are the SMTP settings of send and remind.
// mailer makes the campaign's mailer: with --dry-run it writes messages to
// DIR/outbox and returns that folder; otherwise it sends by SMTP.
func (e *requestEnv) mailer(cmd *cobra.Command, a *app, sf *smtpFlags, dryRun bool, dir string) (*mailer.Mailer, string, error) {
	m := &mailer.Mailer{Campaign: e.dir.Campaign, Registry: e.dir.Registry, Ledger: e.db, Calendar: e.cal, Log: a.logger()}
	if dryRun {
		return m, filepath.Join(dir, "outbox"), nil
	}
	c, err := sf.config(cmd)
	if err != nil {
		return nil, "", err
	}
	m.Transport = &mailer.SMTP{Config: c}
	return m, "", nil
}

type smtpFlags struct {
	host, user, password, security string
	port                           int
}

func (sf *smtpFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&sf.host, "smtp-host", "", "SMTP server (or FOIWIRE_SMTP_HOST)")
	cmd.Flags().IntVar(&sf.port, "smtp-port", 0, "SMTP port (or FOIWIRE_SMTP_PORT; default 587, or 465 with --smtp-security tls)")
	cmd.Flags().StringVar(&sf.user, "smtp-user", "", "SMTP user (or FOIWIRE_SMTP_USER)")
	cmd.Flags().StringVar(&sf.password, "smtp-password", "", "SMTP password (better: FOIWIRE_SMTP_PASSWORD, kept out of the shell history)")
	cmd.Flags().StringVar(&sf.security, "smtp-security", "", "starttls (default), tls, or none for a relay on this machine (or FOIWIRE_SMTP_SECURITY)")
}

// config reads the environment and lets flags that were given override it.
func (sf *smtpFlags) config(cmd *cobra.Command) (mailer.Config, error) {
	c, err := mailer.ConfigFromEnv(os.Getenv)
	if err != nil {
		return c, err
	}
	fl := cmd.Flags()
	if fl.Changed("smtp-host") {
		c.Host = sf.host
	}
	if fl.Changed("smtp-port") {
		c.Port = sf.port
	}
	if fl.Changed("smtp-user") {
		c.User = sf.user
	}
	if fl.Changed("smtp-password") {
		c.Password = sf.password
	}
	if fl.Changed("smtp-security") {
		c.Security = mailer.Security(strings.ToLower(sf.security))
	}
	return c, c.Check()
}

func newRequestSendCmd(a *app, rf *requestFlags) *cobra.Command {
	var sf smtpFlags
	var dryRun, resend bool
	cmd := &cobra.Command{
		Use:   "send DIR",
		Short: "Send the draft requests by SMTP, or write them to DIR/outbox with --dry-run",
		Long: `send sends each draft request once. A request is recorded as sending before
its message goes to the server and as awaiting once the server has taken
it, so if send stops part-way, run it again: it sends only what has not
gone.

A request still marked sending when send starts is one whose fate the
last run could not record. It is not sent again: look in your sent mail,
then mark it awaiting (it went) or draft (it did not), or pass
--resend-unconfirmed to send it again with the same Message-Id.

The SMTP settings come from FOIWIRE_SMTP_HOST, FOIWIRE_SMTP_PORT,
FOIWIRE_SMTP_USER, FOIWIRE_SMTP_PASSWORD and FOIWIRE_SMTP_SECURITY, or the
flags below. The exit status is 1 when a request could not be sent or is
unconfirmed.`,
		Example: `  foiwire request send my-campaign --dry-run
  FOIWIRE_SMTP_PASSWORD=... foiwire request send my-campaign --smtp-host smtp.example.org --smtp-user desk`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			e, err := rf.open(ctx, args[0])
			if err != nil {
				return err
			}
			defer e.db.Close()
			m, outbox, err := e.mailer(cmd, a, &sf, dryRun, args[0])
			if err != nil {
				return err
			}
			o := mailer.SendOptions{ResendUnconfirmed: resend, Outbox: outbox}
			rep, err := m.Send(ctx, o)
			if rep != nil {
				printSend(a.stdout, e, rep, dryRun, o.Outbox)
			}
			if err != nil {
				return err
			}
			if len(rep.Failed) > 0 || len(rep.Unconfirmed) > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	sf.add(cmd)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "write one .eml per request into DIR/outbox instead of sending")
	cmd.Flags().BoolVar(&resend, "resend-unconfirmed", false, "send again, with the same Message-Id, requests a stopped run left unconfirmed")
	return cmd
}

func printSend(w io.Writer, e *requestEnv, rep *mailer.SendReport, dryRun bool, outbox string) {
	if dryRun {
		fmt.Fprintf(w, "Wrote %d requests to %s (nothing sent).\n", len(rep.Written), outbox)
	} else {
		fmt.Fprintf(w, "Sent %d requests.\n", len(rep.Sent))
	}
	if rep.Earlier > 0 {
		fmt.Fprintf(w, "%d were sent before.\n", rep.Earlier)
	}
	for _, r := range rep.NoAddress {
		fmt.Fprintf(w, "  no address: %s (%s): add one with foiwire request new DIR --address %s=EMAIL\n", e.name(r.Authority), r.Reference, r.Authority)
	}
	for _, r := range rep.Unconfirmed {
		fmt.Fprintf(w, "  unconfirmed: %s (%s): check the sent mail, then foiwire request mark DIR %s awaiting (or draft)\n",
			e.name(r.Authority), r.Reference, r.Authority)
	}
	for _, f := range rep.Failed {
		fmt.Fprintf(w, "  not sent: %s (%s): %v\n", e.name(f.Request.Authority), f.Request.Reference, f.Err)
	}
}

func newRequestDueCmd(a *app, rf *requestFlags) *cobra.Command {
	var explain bool
	cmd := &cobra.Command{
		Use:   "due DATE...",
		Short: "Print the day a reply is due for a request received on each DATE",
		Long: `due prints, for each receipt date, the 20th working day after it: the day
the reply is due. With --explain it lists the days counted and those passed
over (weekends, bank holidays).`,
		Example: `  foiwire request due 2024-03-22
  foiwire request due 2024-12-20 --explain`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cal, err := rf.calendar()
			if err != nil {
				return err
			}
			w := a.stdout
			for _, s := range args {
				d, err := foiwire.ParseDate(s)
				if err != nil {
					return err
				}
				due := cal.DueDate(d)
				fmt.Fprintf(w, "received %s  due %s  (%s %s)\n", d, due, due.Weekday(), request.LongDate(due))
				if !cal.Covers(d) || !cal.Covers(due) {
					fmt.Fprintf(a.stderr, "warning: no bank holidays known for %d; only weekends were skipped (add them with --holidays FILE)\n",
						max(d.Year(), due.Year()))
				}
				if explain {
					for _, day := range cal.Explain(d) {
						what := fmt.Sprintf("day %d", day.Count)
						if day.Count == 0 {
							what = "not counted: " + day.Skipped
						}
						fmt.Fprintf(w, "  %s %-9s  %s\n", day.Date, day.Date.Weekday(), what)
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&explain, "explain", false, "list the days counted and passed over")
	return cmd
}

func newRequestStatusCmd(a *app, rf *requestFlags) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "status DIR",
		Short: "Show each request's state, dates and working days late",
		Long: `status prints a table with one row per request: the force, its reference,
its state as of today (overdue and long overdue are worked out from the due
date), the sent and due dates, the working days late, any exemption cited,
and how many reply files it has under DIR/replies/. --format csv writes the
same as CSV.

An open request whose force has a reply file under DIR/replies/ that its
history does not yet record (a reply dropped there by hand, or received
by mail) is first marked answered; check the build's reading of it, and
correct the state with foiwire request mark when it was a refusal.`,
		Example: `  foiwire request status my-campaign
  foiwire request status my-campaign --today 2024-08-01 --format csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			e, err := rf.open(ctx, args[0])
			if err != nil {
				return err
			}
			defer e.db.Close()
			if format != "text" && format != "csv" {
				return fmt.Errorf("--format %q: use text or csv", format)
			}
			// Replies already on disk answer their requests. The CSV is
			// for machines: what changed goes to the log there.
			notes := io.Writer(a.stdout)
			if format == "csv" {
				notes = a.stderr
			}
			if err := e.markAnswered(ctx, a, notes); err != nil {
				return err
			}
			files, err := e.diskReplies()
			if err != nil {
				return err
			}
			onDisk := map[string]int{}
			for _, f := range files {
				onDisk[f.Authority]++
			}
			rs, err := e.db.Requests(ctx)
			if err != nil {
				return err
			}
			if len(rs) == 0 {
				fmt.Fprintln(a.stdout, "No requests yet: make them with foiwire request new DIR.")
				return nil
			}
			slices.SortFunc(rs, func(x, y request.Request) int { return strings.Compare(e.name(x.Authority), e.name(y.Authority)) })
			today := e.cal.Today()
			head := []string{"force", "reference", "state", "sent", "due", "working days late", "exemption", "replies"}
			var rows [][]string
			counts := map[request.State]int{}
			for _, r := range rs {
				st := r.Status(e.cal, today)
				counts[st]++
				late := ""
				if n := r.DaysLate(e.cal, today); n > 0 {
					late = fmt.Sprint(n)
				}
				due := r.Due.String()
				if r.State == request.Clarification {
					due = "(clock stopped)"
				}
				replies := ""
				if n := onDisk[r.Authority]; n > 0 {
					replies = fmt.Sprint(n)
				}
				rows = append(rows, []string{e.name(r.Authority), r.Reference, st.Label(), r.Sent.String(), due, late, strings.Join(r.Exemptions, " "), replies})
			}
			if format == "csv" {
				cw := csv.NewWriter(a.stdout)
				cw.Write(head)
				cw.WriteAll(rows)
				return cw.Error()
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, strings.Join(head, "\t"))
			for _, row := range rows {
				fmt.Fprintln(tw, strings.Join(row, "\t"))
			}
			tw.Flush()
			var summary []string
			for _, st := range request.States {
				if counts[st] > 0 {
					summary = append(summary, fmt.Sprintf("%d %s", counts[st], st.Label()))
				}
			}
			fmt.Fprintf(a.stdout, "\n%d requests on %s: %s.\n", len(rs), request.LongDate(today), strings.Join(summary, ", "))
			if un, err := e.filer(a).Unmatched(ctx); err != nil {
				return err
			} else if len(un) > 0 {
				fmt.Fprintf(a.stdout, "%d messages fit no force and wait in %s/: see foiwire request unmatched %s\n", len(un), mailer.UnmatchedDir, args[0])
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or csv")
	return cmd
}

func newRequestMarkCmd(a *app, rf *requestFlags) *cobra.Command {
	var exemptions []string
	var on, note string
	cmd := &cobra.Command{
		Use:   "mark DIR FORCE STATE",
		Short: "Record what happened to a request: answered, refused, clarification requested...",
		Long: `mark moves the request to FORCE (an id, a name or a reference) to STATE:
awaiting, clarification-requested, answered, partly-answered, refused,
internal-review, withdrawn, or draft (a request that did not go). A refusal
needs the exemption it cites (--exemption s12; repeat for more).

--on gives the day it happened when it was not today: the day a request
sent by hand went, the day a clarification was sent (the clock restarts
then), the day an internal review was asked for.`,
		Example: `  foiwire request mark my-campaign lancashire refused --exemption s12
  foiwire request mark my-campaign TT24-DORS-4HX2QD awaiting --on 2024-07-02 --note "clarified the date range"
  foiwire request mark my-campaign "Lancs Police" internal-review`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			e, err := rf.open(ctx, args[0])
			if err != nil {
				return err
			}
			defer e.db.Close()
			r, err := e.find(ctx, args[1])
			if err != nil {
				return err
			}
			to, err := request.ParseState(args[2])
			if err != nil {
				return err
			}
			c := request.Change{To: to, Exemptions: exemptions, Note: note, At: time.Now()}
			if e.cal.Now != nil {
				c.At = e.cal.Now()
			}
			if on != "" {
				if c.On, err = foiwire.ParseDate(on); err != nil {
					return fmt.Errorf("--on: %w", err)
				}
			} else {
				c.On = e.cal.Today()
			}
			from := r.State
			if err := r.Apply(c, e.cal); err != nil {
				return err
			}
			if err := e.db.UpdateRequest(ctx, r, from); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s (%s): %s → %s", r.Reference, e.name(r.Authority), from.Label(), r.State.Label())
			for _, x := range r.Exemptions {
				fmt.Fprintf(a.stdout, "; %s (%s)", x, request.Describe(x))
			}
			if r.State.Open() && !r.Due.IsZero() {
				fmt.Fprintf(a.stdout, "; due %s", request.LongDate(r.Due))
			}
			fmt.Fprintln(a.stdout)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&exemptions, "exemption", nil, "exemption cited, such as s12 or s40(2) (repeatable)")
	cmd.Flags().StringVar(&on, "on", "", "the `DATE` it happened (default today)")
	cmd.Flags().StringVar(&note, "note", "", "a note for the request's history")
	return cmd
}

func newRequestRemindCmd(a *app, rf *requestFlags) *cobra.Command {
	var sf smtpFlags
	var dryRun bool
	var every int
	cmd := &cobra.Command{
		Use:   "remind DIR",
		Short: "Send a polite reminder about every late request, or draft them with --dry-run",
		Long: `remind writes to each authority whose reply is late (past its due date,
or an internal review past its own 20 working days) a short, polite
reminder that quotes the request, as a reply to it. A request whose force
has a reply under DIR/replies/ is marked answered first and not reminded
(see foiwire request status). An authority reminded
less than --every working days ago is skipped. With --dry-run the
reminders are written to DIR/outbox for you to read or send yourself.`,
		Example: `  foiwire request remind my-campaign --dry-run
  foiwire request remind my-campaign --smtp-host smtp.example.org`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			e, err := rf.open(ctx, args[0])
			if err != nil {
				return err
			}
			defer e.db.Close()
			m, outbox, err := e.mailer(cmd, a, &sf, dryRun, args[0])
			if err != nil {
				return err
			}
			// A force whose reply is on disk is not reminded.
			if err := e.markAnswered(ctx, a, a.stdout); err != nil {
				return err
			}
			o := mailer.RemindOptions{Every: every, Outbox: outbox}
			rep, err := m.Remind(ctx, o)
			if rep != nil {
				verb := "Sent"
				if dryRun {
					verb = "Wrote"
				}
				fmt.Fprintf(a.stdout, "%s %d reminders", verb, len(rep.Reminded))
				if dryRun {
					fmt.Fprintf(a.stdout, " to %s (nothing sent)", o.Outbox)
				}
				fmt.Fprintln(a.stdout, ".")
				if len(rep.Recent) > 0 {
					fmt.Fprintf(a.stdout, "%d late authorities were reminded in the last %d working days.\n", len(rep.Recent), max(every, 5))
				}
				for _, f := range rep.Failed {
					fmt.Fprintf(a.stdout, "  not sent: %s (%s): %v\n", e.name(f.Request.Authority), f.Request.Reference, f.Err)
				}
			}
			if err != nil {
				return err
			}
			if len(rep.Failed) > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	sf.add(cmd)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "write the reminders into DIR/outbox instead of sending")
	cmd.Flags().IntVar(&every, "every", 5, "fewest working days between two reminders to one authority")
	return cmd
}

func newRequestReceiveCmd(a *app, rf *requestFlags) *cobra.Command {
	var force string
	cmd := &cobra.Command{
		Use:   "receive DIR FILE.eml|MAILDIR|MBOX",
		Short: "File replies from an .eml file, a Maildir or an mbox under the right force",
		Long: `receive reads every message in the source and files each reply, unchanged,
under DIR/replies/<force>/ for the next build to read (its attachments are
also saved under DIR/attachments/<force>/ for you to open). A message is
filed under a force only when it comes from one of the force's mail
domains: those in DIR/authorities.csv (see foiwire authorities import),
the domain of the force's FOI address, and the domain of the address its
request went to. Whatever its subject says, mail from anywhere else is
not filed: a reference is easy to copy. Among the forces a domain belongs
to (a unit answering for two), the reference in the subject, the message
it answers or a reference in its text picks the request. The request
is marked answered, or refused or partly answered when the reply cites an
exemption, or clarification requested when it asks for one; check these
with foiwire request status and correct them with foiwire request mark.
Acknowledgements are kept under DIR/mail/<force>/.

A message that fits no force is kept, unchanged, in DIR/unmatched/ and
listed (foiwire request unmatched DIR lists them again). Read it; if it is
a force's reply, file it with --force ID, or add the sender's domain to
the force's (foiwire authorities import) and receive DIR/unmatched again.
Receiving the same mail twice files it once. The exit status is 1 when
any message was left unfiled.`,
		Example: `  foiwire request receive my-campaign ~/Mail/foi/
  foiwire request receive my-campaign export.mbox
  foiwire request receive my-campaign reply.eml --force lancashire`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			e, err := rf.open(ctx, args[0])
			if err != nil {
				return err
			}
			defer e.db.Close()
			if force != "" {
				if _, ok := e.dir.Registry.ByID(force); !ok {
					if force, err = e.dir.Registry.Match(force); err != nil {
						return fmt.Errorf("--force: %w", err)
					}
				}
			}
			rep, err := e.filer(a).Receive(ctx, args[1], mailer.ReceiveOptions{Authority: force})
			if rep != nil {
				printReceive(a.stdout, e, rep)
			}
			if err != nil {
				return err
			}
			if len(rep.Unmatched) > 0 || len(rep.Unreadable) > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&force, "force", "", "file every message under this force, without matching")
	return cmd
}

func printReceive(w io.Writer, e *requestEnv, rep *mailer.ReceiveReport) {
	fmt.Fprintf(w, "Filed %d replies", len(rep.Filed))
	if len(rep.Acknowledged) > 0 {
		fmt.Fprintf(w, " and %d acknowledgements", len(rep.Acknowledged))
	}
	fmt.Fprintln(w, ".")
	for _, f := range rep.Filed {
		fmt.Fprintf(w, "  %s: %s (%s)", e.name(f.Authority), f.Path, f.MatchedBy)
		if len(f.Attachments) > 0 {
			fmt.Fprintf(w, ", %d attachments", len(f.Attachments))
		}
		if f.State != "" {
			fmt.Fprintf(w, "; now %s", f.State.Label())
		}
		if f.Note != "" {
			fmt.Fprintf(w, "; %s", f.Note)
		}
		fmt.Fprintln(w)
	}
	if rep.Again > 0 {
		fmt.Fprintf(w, "%d messages were filed before.\n", rep.Again)
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(w, "%d of our own messages skipped.\n", len(rep.Skipped))
	}
	for _, u := range rep.Unmatched {
		fmt.Fprintf(w, "  not filed: %s from %s (%q): %s; kept as %s: file it with --force ID\n", u.Where, u.From, u.Subject, u.Why, u.Path)
	}
	for _, u := range rep.Unreadable {
		fmt.Fprintf(w, "  unreadable: %s: %s\n", u.Where, u.Why)
	}
}

func newRequestUnmatchedCmd(a *app, rf *requestFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "unmatched DIR",
		Short: "List the messages that fit no force, waiting in DIR/unmatched/ for a person",
		Long: `unmatched lists the messages receive could not file under a force, oldest
first: when they came, who from, the subject, and why they fit no force as
the campaign now stands. A message from a domain since added to a force's
(foiwire authorities import) says it now fits: receive DIR/unmatched again
to file it. File one by hand with
foiwire request receive DIR DIR/unmatched/NAME.eml --force ID; a filed
message leaves the folder. The exit status is 1 when any message waits.`,
		Example: `  foiwire request unmatched my-campaign
  foiwire request receive my-campaign my-campaign/unmatched/3f9a0c12d4e5b6a7.eml --force lancashire`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			e, err := rf.open(ctx, args[0])
			if err != nil {
				return err
			}
			defer e.db.Close()
			un, err := e.filer(a).Unmatched(ctx)
			if err != nil {
				return err
			}
			if len(un) == 0 {
				fmt.Fprintln(a.stdout, "No messages wait for a person.")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "file\treceived\tfrom\tsubject\twhy")
			for _, u := range un {
				when := ""
				if !u.Date.IsZero() {
					when = u.Date.In(calendar.Zone()).Format("2006-01-02 15:04")
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Path, when, u.From, oneLine(u.Subject, 50), u.Why)
			}
			tw.Flush()
			fmt.Fprintf(a.stdout, "\n%d messages wait in %s/.\n", len(un), filepath.Join(args[0], mailer.UnmatchedDir))
			return exitCode(1)
		},
	}
}

// oneLine returns s on one line, cut to n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
