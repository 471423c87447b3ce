package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire/web"
)

func newServeCmd(a *app) *cobra.Command {
	var addr, dbPath, out string
	var insecure bool
	cmd := &cobra.Command{
		Use:   "serve DIR",
		Short: "Serve the editors' web app and JSON API for a campaign",
		Long: `serve builds the campaign in DIR (as build does) and serves the editors' web
app: an overview of every force, each force's figures with links into the
replies they were read from, the review queue, the stories with approval and
embargo, and downloads (figures.csv, an XLSX workbook, the database). The JSON
API under /api/v1/ serves the same data to holders of an API token; it is
described at /api/v1/openapi.json.

Nobody can sign in until an account exists:

  foiwire user add NAME --role editor --dir DIR

With --db postgres://... several editors (and several servers) share one
campaign: a correction or approval made from a page that someone else has
changed since is refused and the conflict shown, so nobody's work is lost.
foiwire migrate copies a campaign from its SQLite file to PostgreSQL.

Cookies are marked Secure. Browsers accept that over plain HTTP on localhost
only; to serve other machines, put the app behind HTTPS, or pass
--insecure-cookies on a network you trust.`,
		Example: `  foiwire serve examples/tiktok-2024
  foiwire serve my-campaign --addr 127.0.0.1:9000
  foiwire serve my-campaign --db postgres://newsroom@db.example/tiktok --addr 0.0.0.0:8080`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			dir := args[0]
			db, err := openStore(ctx, dbPath, dir)
			if err != nil {
				return err
			}
			defer db.Close()
			log := a.logger()
			srv, err := web.New(ctx, web.Config{Dir: dir, DB: db, Out: out, Log: log, InsecureCookies: insecure})
			if err != nil {
				return err
			}
			users, err := db.Users(ctx)
			if err != nil {
				return err
			}
			if len(users) == 0 {
				fmt.Fprintf(a.stderr, "No accounts yet: add one with  foiwire user add NAME --role editor --dir %s\n", dir)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			if host, _, _ := net.SplitHostPort(addr); !insecure && !isLoopback(host) {
				fmt.Fprintln(a.stderr, "Warning: cookies are Secure; browsers on other machines will only keep them over HTTPS.")
			}
			hs := &http.Server{
				Handler:           srv,
				ReadHeaderTimeout: 10 * time.Second,
				ReadTimeout:       30 * time.Second,
				WriteTimeout:      2 * time.Minute,
				IdleTimeout:       2 * time.Minute,
				MaxHeaderBytes:    64 << 10,
			}
			fmt.Fprintf(a.stdout, "Serving %s at http://%s/ (Ctrl-C to stop)\n", dir, ln.Addr())
			done := make(chan error, 1)
			go func() {
				<-ctx.Done()
				sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				done <- hs.Shutdown(sctx)
			}()
			if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("serve: %w", err)
			}
			return <-done
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&dbPath, "db", "", "campaign database: an SQLite file (default DIR/foiwire.db) or a postgres:// URL shared by a newsroom")
	cmd.Flags().StringVar(&out, "out", "", "output folder (default DIR/out)")
	cmd.Flags().BoolVar(&insecure, "insecure-cookies", false, "send cookies without the Secure flag, for plain HTTP beyond localhost")
	return cmd
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
