package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/calendar"
	"github.com/foiwire/foiwire/pipeline"
	"github.com/foiwire/foiwire/request"
)

// Config says which campaign to serve and how.
type Config struct {
	// Dir is the campaign directory.
	Dir string
	// DB is the campaign store (accounts, corrections and approvals live
	// there too): sqlite, or postgres shared with other servers. The
	// caller opens and closes it.
	DB Store
	// Out is where the build writes; empty means DIR/out.
	Out string
	// Now is the clock for embargoes and timestamps; nil means time.Now.
	Now func() time.Time
	// Log receives requests and rebuilds; nil discards.
	Log *slog.Logger
	// SessionTTL is how long a sign-in lasts; zero means 12 hours.
	SessionTTL time.Duration
	// InsecureCookies drops the Secure flag from cookies, for serving plain
	// HTTP to other machines. Browsers keep Secure cookies over plain HTTP
	// on localhost, so loopback needs no such thing.
	InsecureCookies bool
	// CatchUpEvery is how often to look for corrections and approvals
	// made through other servers sharing the store; 0 means every second,
	// a negative value on every request.
	CatchUpEvery time.Duration
}

// Store is where the web app keeps and finds a campaign's data: the
// campaign store (sqlite or postgres) with its requests.
type Store interface {
	foiwire.Store
	request.Store
}

// Server is the editors' web app and the JSON API over one campaign. It is
// an http.Handler.
type Server struct {
	cfg     Config
	handler http.Handler
	routes  []route
	pages   *pages
	cal     *calendar.Calendar // working days, for requests' deadlines

	snap    atomic.Pointer[snapshot]
	reviews atomic.Pointer[map[string]storyReview]
	cache   atomic.Pointer[renderCache]
	creds   credCache
	logins  loginLimiter
	docs    docCache // replies as read, for the reply pages
	shared  shared
	// rebuildMu makes rebuilds take turns; readers use whatever snapshot
	// is current and never wait.
	rebuildMu sync.Mutex
	// session is what one rebuild keeps in memory for the next (the
	// figures loaded, by version); rebuildMu guards it.
	session pipeline.Session
}

// New builds the campaign once (reading every reply, deriving facts,
// writing stories) and returns a Server showing it. It returns an error
// when the campaign cannot be read or built, or the templates are broken.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.DB == nil {
		return nil, errors.New("web: no database")
	}
	if cfg.Out == "" {
		cfg.Out = filepath.Join(cfg.Dir, "out")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	pg, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, pages: pg, cal: calendar.EnglandWales()}
	if err := s.rebuild(ctx); err != nil {
		return nil, err
	}
	if err := s.reloadReviews(ctx); err != nil {
		return nil, err
	}
	s.routes = s.routeTable()
	mux := http.NewServeMux()
	for _, r := range s.routes {
		mux.Handle(r.pattern, s.guard(r))
	}
	mux.Handle("/", s.guard(route{access: viewer, h: s.notFound}))
	// Forms carry CSRF tokens; refusing cross-origin writes outright (by
	// Sec-Fetch-Site and Origin) is a second lock on the same door.
	cop := http.NewCrossOriginProtection()
	s.handler = s.logRequests(securityHeaders(cop.Handler(mux)))
	return s, nil
}

// ServeHTTP serves the app.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// rebuild runs the pipeline and swaps in the new snapshot.
func (s *Server) rebuild(ctx context.Context) error {
	s.rebuildMu.Lock()
	defer s.rebuildMu.Unlock()
	start := time.Now()
	if err := s.sawChanges(ctx, true, false); err != nil {
		return err
	}
	snap, err := build(ctx, s.cfg, &s.session)
	if err != nil {
		return err
	}
	s.snap.Store(snap)
	s.resetCache()
	s.cfg.Log.Info("campaign built", "dir", s.cfg.Dir, "figures", len(snap.figures), "facts", len(snap.facts), "took", time.Since(start))
	return nil
}

func (s *Server) reloadReviews(ctx context.Context) error {
	if err := s.sawChanges(ctx, false, true); err != nil {
		return err
	}
	rv, err := loadReviews(ctx, s.cfg.DB)
	if err != nil {
		return err
	}
	s.reviews.Store(&rv)
	s.resetCache()
	return nil
}

// securityHeaders forbids scripts, frames and remote content on every
// response: the app uses none, so a reply that slipped past the sanitiser
// still could not run anything.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status a handler wrote, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (s *Server) logRequests(h http.Handler) http.Handler {
	if !s.cfg.Log.Enabled(context.Background(), slog.LevelDebug) {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		s.cfg.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "took", time.Since(start))
	})
}
