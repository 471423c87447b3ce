package web

import (
	"context"
	"path"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/mailer"
)

// markAnswered marks answered the open requests of forces whose replies
// the build read from replies/ (see mailer.Filer.MarkAnswered), so that
// the overview never calls a force that replied overdue, however its
// reply came.
func markAnswered(ctx context.Context, cfg Config, c foiwire.Campaign, arrivals []foiwire.Arrival) error {
	cal := calendar.EnglandWales()
	cal.Now = cfg.Now
	var files []mailer.DiskReply
	for _, a := range arrivals {
		files = append(files, mailer.DiskReply{Authority: a.Authority, Path: path.Join("replies", a.Authority, a.Name), ModTime: a.ReceivedAt})
	}
	f := &mailer.Filer{Dir: cfg.Dir, Campaign: c, Ledger: cfg.DB, Calendar: cal, Log: cfg.Log}
	_, err := f.MarkAnswered(ctx, files)
	return err
}
