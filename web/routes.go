package web

// routeTable lists every route the app serves, with who may use it. The
// JSON API's routes are documented in openapi.json; a test holds the two
// together.
func (s *Server) routeTable() []route {
	return []route{
		{"GET /login", public, s.loginForm},
		{"POST /login", public, s.login},
		{"GET /static/{file}", public, s.static},
		{"GET /favicon.ico", public, s.favicon},
		{"POST /logout", viewer, s.logout},

		{"GET /{$}", viewer, s.overview},
		{"GET /forces/{id}", viewer, s.forcePage},
		{"GET /forces/{id}/chart.svg", viewer, s.forceChart},
		{"GET /forces/{id}/replies/{sha}", viewer, s.replyPage},
		{"GET /figure", viewer, s.figurePage},
		{"POST /figure/confirm", editor, s.confirmFigure},
		{"POST /figure/correct", editor, s.correctFigure},
		{"GET /review", viewer, s.reviewPage},
		{"GET /stories", viewer, s.storiesPage},
		{"GET /stories/{id}", viewer, s.storyPage},
		{"GET /stories/{id}/download", viewer, s.storyZip},
		{"POST /stories/{id}/approve", editor, s.approveStory},
		{"POST /stories/{id}/embargo", editor, s.setEmbargo},
		{"GET /downloads", viewer, s.downloadsPage},
		{"GET /downloads/figures.csv", viewer, s.figuresCSV},
		{"GET /downloads/facts.csv", viewer, s.factsCSV},
		{"GET /downloads/foiwire.xlsx", viewer, s.workbook},
		{"GET /downloads/foiwire.db", viewer, s.databaseCopy},

		{"GET /api/v1/openapi.json", viewer, s.openAPI},
		{"GET /api/v1/authorities", viewer, s.apiAuthorities},
		{"GET /api/v1/figures", viewer, s.apiFigures},
		{"GET /api/v1/facts", viewer, s.apiFacts},
		{"GET /api/v1/stories/{authority}", viewer, s.apiStory},
		{"GET /api/v1/review", viewer, s.apiReview},
		{"POST /api/v1/check", viewer, s.apiCheck},
	}
}
