package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/authority"
)

func newReplyCmd(a *app) *cobra.Command {
	var db string
	cmd := &cobra.Command{
		Use:   "reply",
		Short: "Take a reply file out of a campaign, or file it under another force",
		Long: `reply rm and reply mv change the replies folder and the campaign database
together: the reply's figures are withdrawn at once (facts and stories follow
at the next build or in the web app), and the withdrawal is recorded. A file
deleted or moved by hand is withdrawn the same way at the next build.`,
	}
	cmd.PersistentFlags().StringVar(&db, "db", "", "campaign database: an SQLite file (default DIR/foiwire.db) or a postgres:// URL")
	cmd.AddCommand(newReplyRmCmd(a, &db), newReplyMvCmd(a, &db))
	return cmd
}

// replyPath checks FORCE/FILE names a reply file of the campaign in dir.
func replyPath(dir, arg string) (force, name, path string, err error) {
	force, name, ok := strings.Cut(filepath.ToSlash(arg), "/")
	if !ok || force == "" || name == "" || strings.Contains(name, "/") || name == ".." || force == ".." {
		return "", "", "", fmt.Errorf("%q: give the reply as FORCE/FILE, as under %s", arg, filepath.Join(dir, "replies"))
	}
	path = filepath.Join(dir, "replies", force, name)
	st, err := os.Lstat(path)
	if err != nil {
		return "", "", "", fmt.Errorf("reply %s: %w", arg, err)
	}
	if !st.Mode().IsRegular() {
		return "", "", "", fmt.Errorf("reply %s is not a plain file", arg)
	}
	return force, name, path, nil
}

// withdraw takes a reply out of the store and says what went.
func (a *app) withdraw(cmd *cobra.Command, st campaignStore, force, name, why string) error {
	w, err := st.WithdrawReply(cmd.Context(), force, name, why)
	if errors.Is(err, foiwire.ErrNotFound) {
		fmt.Fprintf(a.stdout, "%s/%s had not been read into the campaign; nothing to withdraw.\n", force, name)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Withdrew %s/%s: its %d figures no longer count. Facts and stories follow at the next build.\n", force, name, w.Figures)
	return nil
}

func newReplyRmCmd(a *app, db *string) *cobra.Command {
	return &cobra.Command{
		Use:     "rm DIR FORCE/FILE",
		Short:   "Delete a reply file and withdraw its figures",
		Example: `  foiwire reply rm my-campaign kent/duplicate-reply.pdf`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			force, name, path, err := replyPath(dir, args[1])
			if err != nil {
				return err
			}
			st, err := openStore(cmd.Context(), *db, dir)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := a.withdraw(cmd, st, force, name, "removed with foiwire reply rm"); err != nil {
				return err
			}
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("delete %s: %w", path, err)
			}
			fmt.Fprintf(a.stdout, "Deleted %s (its bytes stay in the campaign database).\n", path)
			return nil
		},
	}
}

func newReplyMvCmd(a *app, db *string) *cobra.Command {
	return &cobra.Command{
		Use:   "mv DIR FORCE/FILE OTHER-FORCE[/NEW-NAME]",
		Short: "File a reply under another force",
		Long: `mv moves a reply filed under the wrong force to the right one's folder and
withdraws the figures read under the wrong one; the next build reads it
under the right one.`,
		Example: `  foiwire reply mv my-campaign kent/joint-unit-reply.pdf essex`,
		Args:    cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			force, name, path, err := replyPath(dir, args[1])
			if err != nil {
				return err
			}
			to, newName, _ := strings.Cut(filepath.ToSlash(args[2]), "/")
			if newName == "" {
				newName = name
			}
			if strings.Contains(newName, "/") || newName == ".." || newName == "." {
				return fmt.Errorf("%q: give the new place as FORCE or FORCE/NAME", args[2])
			}
			if _, ok := authority.Police().ByID(to); !ok {
				return fmt.Errorf("%q is not a force id (see foiwire authorities)", to)
			}
			if to == force && newName == name {
				return fmt.Errorf("%s/%s is already there", force, name)
			}
			dst := filepath.Join(dir, "replies", to, newName)
			if _, err := os.Lstat(dst); err == nil {
				return fmt.Errorf("%s already exists; not overwriting it", dst)
			}
			st, err := openStore(cmd.Context(), *db, dir)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			if err := os.Rename(path, dst); err != nil {
				return fmt.Errorf("move %s: %w", path, err)
			}
			if err := a.withdraw(cmd, st, force, name, "moved to "+to+"/"+newName+" with foiwire reply mv"); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Moved to %s; the next build reads it as %s's reply.\n", dst, to)
			return nil
		},
	}
}
