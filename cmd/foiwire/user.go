package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/foiwire/foiwire"
)

// userFlags say which campaign database holds the accounts.
type userFlags struct {
	dir, db string
}

func (f *userFlags) open(ctx context.Context) (campaignStore, error) {
	return openStore(ctx, f.db, f.dir)
}

func newUserCmd(a *app) *cobra.Command {
	f := &userFlags{}
	cmd := &cobra.Command{
		Use:   "user",
		Short: "Manage who may use the web app, and API tokens",
		Long: `user manages the accounts of the editors' web app (see foiwire serve). They are
kept in the campaign database, passwords as bcrypt hashes. An editor may
confirm and correct figures, approve stories and set embargoes; a viewer may
only look. API tokens give read-only access to the JSON API.`,
	}
	cmd.PersistentFlags().StringVar(&f.dir, "dir", ".", "campaign directory")
	cmd.PersistentFlags().StringVar(&f.db, "db", "", "campaign database: an SQLite file (default DIR/foiwire.db) or a postgres:// URL")
	cmd.AddCommand(newUserAddCmd(a, f), newUserPasswordCmd(a, f), newUserTokenCmd(a, f), newUserListCmd(a, f), newUserRemoveCmd(a, f))
	return cmd
}

func newUserAddCmd(a *app, f *userFlags) *cobra.Command {
	var role string
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "add NAME --role editor|viewer",
		Short: "Add an account",
		Long: `add creates an account. The password is asked for twice on a terminal, or read
as the first line of standard input with --password-stdin (for scripts). It
must have at least 10 characters.`,
		Example: `  foiwire user add amira --role editor --dir examples/tiktok-2024
  printf '%s\n' "$PASS" | foiwire user add cms --role viewer --password-stdin`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := foiwire.ParseRole(role)
			if err != nil {
				return err
			}
			pass, err := readPassword(a, fromStdin)
			if err != nil {
				return err
			}
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			u, err := db.AddUser(cmd.Context(), args[0], r, pass)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Added %s (%s) to %s\n", u.Name, u.Role, db)
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "editor (may change things) or viewer (may only look)")
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input")
	cmd.MarkFlagRequired("role")
	return cmd
}

func newUserPasswordCmd(a *app, f *userFlags) *cobra.Command {
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "password NAME",
		Short: "Set an account's password and sign it out everywhere",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pass, err := readPassword(a, fromStdin)
			if err != nil {
				return err
			}
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.SetPassword(cmd.Context(), args[0], pass); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Password of %s changed; their sessions have ended\n", args[0])
			return nil
		},
	}
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input")
	return cmd
}

func newUserTokenCmd(a *app, f *userFlags) *cobra.Command {
	var label string
	var revoke bool
	cmd := &cobra.Command{
		Use:   "token NAME",
		Short: "Make a read-only API token for an account (or revoke its tokens)",
		Long: `token prints a new read-only token for the JSON API, to be sent as
"Authorization: Bearer <token>". Only a hash is kept: copy it now, it cannot be
shown again. --revoke deletes every token of the account instead.`,
		Example: `  foiwire user token cms --label "newsroom CMS" --dir examples/tiktok-2024
  curl -H "Authorization: Bearer fw_…" http://127.0.0.1:8080/api/v1/figures?authority=dorset`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			if revoke {
				n, err := db.RevokeAPITokens(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "Revoked %d token(s) of %s\n", n, args[0])
				return nil
			}
			tok, err := db.NewAPIToken(cmd.Context(), args[0], label)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, tok)
			return nil
		},
	}
	cmd.Flags().StringVar(&label, "label", "", "what the token is for")
	cmd.Flags().BoolVar(&revoke, "revoke", false, "revoke every token of the account")
	return cmd
}

func newUserListCmd(a *app, f *userFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the accounts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			us, err := db.Users(cmd.Context())
			if err != nil {
				return err
			}
			for _, u := range us {
				fmt.Fprintf(a.stdout, "%s\t%s\tadded %s\n", u.Name, u.Role, u.Created.Format("2006-01-02"))
			}
			return nil
		},
	}
}

func newUserRemoveCmd(a *app, f *userFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an account with its sessions and tokens (its corrections stay)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.RemoveUser(cmd.Context(), args[0]); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Removed %s\n", args[0])
			return nil
		},
	}
}

// readPassword reads a password: the first line of stdin with fromStdin,
// else twice from the terminal without echo.
func readPassword(a *app, fromStdin bool) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(a.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	in, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return "", errors.New("no terminal to ask for a password on: use --password-stdin")
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(a.stderr, prompt)
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(a.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		return string(b), nil
	}
	p1, err := ask("Password: ")
	if err != nil {
		return "", err
	}
	p2, err := ask("Again: ")
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", errors.New("the two passwords differ")
	}
	return p1, nil
}
