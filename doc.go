// Package foiwire holds the domain of the program: the nouns that travel from
// a Freedom of Information request to a published story (authorities,
// campaigns, documents, tables, figures, facts, claims) and nothing else.
//
// It imports only the standard library. Reading files, storing data,
// rendering stories and serving pages live in subpackages named for what
// they do; data flows one way through them:
//
//	request → documents → tables → figures → facts → stories
//	                                           ▲
//	                  article text → claims ───┘
package foiwire
