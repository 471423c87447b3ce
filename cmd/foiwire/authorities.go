package main

import (
	"encoding/csv"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/foiwire/foiwire/authority"
)

func newAuthoritiesCmd(a *app) *cobra.Command {
	var all bool
	var format string
	cmd := &cobra.Command{
		Use:   "authorities [NAME]",
		Short: "List the authorities foiwire knows, or find one by name",
		Long: `authorities lists the police forces of England and Wales (and British
Transport Police) with the id used for reply folders (replies/<id>/), the
name, the area name used in copy, and the FOI address where one is public.
With NAME it says which authority a name means ("Lancs Police").
--all adds the forces known only so their replies can be recognised.`,
		Example: `  foiwire authorities
  foiwire authorities "the Dyfed-Powys force area"
  foiwire authorities --format csv > forces.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reg := authority.Police()
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
				w.Write([]string{"id", "name", "short_name", "nation", "region", "foi_email", "aliases"})
				for _, au := range list {
					w.Write([]string{au.ID, au.Name, au.ShortName, au.Nation, au.Region, au.FOIEmail, strings.Join(au.Aliases, ";")})
				}
				w.Flush()
				return w.Error()
			case "table":
				tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tIN COPY\tFOI ADDRESS")
				for _, au := range list {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", au.ID, au.Name, au.ShortName, au.FOIEmail)
				}
				return tw.Flush()
			}
			return fmt.Errorf("--format %q: use table or csv", format)
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "include authorities outside England and Wales")
	cmd.Flags().StringVar(&format, "format", "table", "table or csv")
	return cmd
}
