package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire/authority"
)

func newAuthoritiesCmd(a *app) *cobra.Command {
	var all bool
	var format, dir string
	cmd := &cobra.Command{
		Use:   "authorities [NAME]",
		Short: "List the authorities foiwire knows, or find one by name",
		Long: `authorities lists the police forces of England and Wales (and British
Transport Police) with the id used for reply folders (replies/<id>/), the
name, the area name used in copy, and the FOI address where one is public.
With NAME it says which authority a name means ("Lancs Police").
--all adds the forces known only so their replies can be recognised.

With --campaign DIR the list includes what DIR/authorities.csv says: the
FOI addresses and the mail domains a reply must come from to be filed
under the force (see foiwire authorities import).`,
		Example: `  foiwire authorities
  foiwire authorities "the Dyfed-Powys force area"
  foiwire authorities --campaign my-campaign --format csv > forces.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reg := authority.Police()
			if dir != "" {
				var err error
				if reg, err = authority.ForCampaign(dir); err != nil {
					return err
				}
			}
			if len(args) == 1 {
				id, err := reg.Match(args[0])
				if err != nil {
					return err
				}
				au, _ := reg.ByID(id)
				fmt.Fprintf(a.stdout, "%s\t%s\n", au.ID, au.Name)
				return nil
			}
			list := reg.All()
			if all {
				list = reg.Known()
			}
			switch format {
			case "csv":
				w := csv.NewWriter(a.stdout)
				w.Write([]string{"id", "name", "short_name", "nation", "region", "foi_email", "aliases", "domains"})
				for _, au := range list {
					w.Write([]string{au.ID, au.Name, au.ShortName, au.Nation, au.Region, au.FOIEmail, strings.Join(au.Aliases, ";"),
						strings.Join(au.Domains, ";")})
				}
				w.Flush()
				return w.Error()
			case "table":
				tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tIN COPY\tFOI ADDRESS\tMAIL DOMAINS")
				for _, au := range list {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", au.ID, au.Name, au.ShortName, au.FOIEmail, strings.Join(authority.DomainsOf(au), " "))
				}
				return tw.Flush()
			}
			return fmt.Errorf("--format %q: use table or csv", format)
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "include authorities outside England and Wales")
	cmd.Flags().StringVar(&format, "format", "table", "table or csv")
	cmd.Flags().StringVar(&dir, "campaign", "", "show the FOI addresses and mail domains of the campaign in `DIR`")
	cmd.AddCommand(newAuthoritiesImportCmd(a))
	return cmd
}

func newAuthoritiesImportCmd(a *app) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Add FOI addresses and sender mail domains for the campaign's authorities",
		Long: `import reads a CSV of FOI addresses and mail domains and keeps them in the
campaign's DIR/authorities.csv, which every command reading the campaign
uses over the built-in registry (and which you may edit by hand).

The file needs a header with an authority column (id, authority, force or
name: an id, or a name such as "Lancs Police") and a foi_email column, a
domains column, or both; several domains go in one cell separated by ";".
A reply received by mail is filed under a force only when it comes from
one of its domains or from the domain of its FOI address: a force whose
replies come from a second domain (a shared service, a case-management
system) needs that domain listed. Domains shared by many senders
(gmail.com, police.uk) are refused.

Authorities in FILE have the address and the domains it gives replaced;
others are kept. A file with any unreadable row changes nothing.`,
		Example: `  foiwire authorities import addresses.csv --campaign my-campaign

  addresses.csv:
    force,foi_email,domains
    Lancashire,foi@lancashire.police.uk,lancashire.police.uk
    dorset,,dorset.police.uk;dorset.pnn.police.uk`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return fmt.Errorf("--campaign %s: not a campaign directory", dir)
			}
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			before := map[string]authority.Override{}
			if reg, err := authority.ForCampaign(dir); err == nil {
				for _, au := range reg.Known() {
					before[au.ID] = authority.Override{ID: au.ID, FOIEmail: au.FOIEmail, Domains: au.Domains}
				}
			}
			kept, err := authority.Import(dir, f)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			changed := 0
			for _, o := range kept {
				b := before[o.ID]
				if b.FOIEmail != o.FOIEmail || strings.Join(b.Domains, ";") != strings.Join(o.Domains, ";") {
					changed++
				}
			}
			fmt.Fprintf(a.stdout, "%s now gives addresses or domains for %d authorities (%d changed).\n",
				filepath.Join(dir, authority.OverrideFile), len(kept), changed)
			var none []string
			for _, o := range kept {
				if len(o.Domains) == 0 && authority.AddressDomain(o.FOIEmail) == "" {
					none = append(none, o.ID)
				}
			}
			if len(none) > 0 {
				fmt.Fprintf(a.stdout, "No mail domain for %s: replies from them will wait in unmatched/ for a person.\n", strings.Join(none, ", "))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "campaign", ".", "the campaign directory (`DIR`)")
	return cmd
}
