package foiwire

// Authority is a public body asked for information: for the first campaigns,
// a police force of England and Wales.
type Authority struct {
	ID        string   // data.police.uk id: "lancashire"
	Name      string   // official name: "Lancashire Constabulary"
	ShortName string   // the area, for copy: "Lancashire"
	Nation    string   // "England", "Wales", "Northern Ireland", "Great Britain"
	Region    string   // ONS region
	ONSCode   string   // Police Force Area code, empty where there is none
	Aliases   []string // other names printed or used by the body itself
	FOIEmail  string   // where FOI requests go; empty when not public
	// Domains are the mail domains the body sends from ("lancashire.police.uk");
	// mail from them or their subdomains is taken to be the body's. A reply is
	// filed under a body only when it comes from one of these or from the
	// domain of FOIEmail.
	Domains []string
	// InRegistry is false for bodies outside the campaign's usual set (for
	// police: outside England and Wales, such as the PSNI). They are known so
	// their replies can be recognised, never counted in national totals.
	InRegistry bool
}
