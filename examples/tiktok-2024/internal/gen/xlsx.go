package main

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// sheet is one worksheet laid out the way a force's analyst sends it: a
// title row, a blank row, a header row, then label and number rows.
type sheet struct {
	name   string
	title  string
	header [2]string
	rows   []row
}

type row struct {
	label string
	value int64
}

// cambridgeshireSheets returns Cambridgeshire's answer. Only a three-year
// total was given for question 1, and the offence and outcome lists are the
// main groups only, so none of the tables carries a total of its own.
func cambridgeshireSheets() []sheet {
	return []sheet{
		{
			name:   "Q1",
			title:  "FOI 0912/2024 - Question 1: crimes recorded with TikTok as an element, three years combined",
			header: [2]string{"Period", "Number of crimes"},
			rows:   []row{{"01/04/2021 - 31/03/2024", 513}},
		},
		{
			name:   "Q1a",
			title:  "FOI 0912/2024 - Question 1a: offence type, crimes recorded 01/04/2023 - 31/03/2024",
			header: [2]string{"Offence type", "Number of crimes"},
			rows: []row{
				{"Stalking and harassment", 108},
				{"Violence", 32},
				{"Rape", 5},
				{"Other sexual offences", 13},
			},
		},
		{
			name:   "Q1b",
			title:  "FOI 0912/2024 - Question 1b: outcome, crimes recorded 01/04/2023 - 31/03/2024",
			header: [2]string{"Outcome", "Number of crimes"},
			rows: []row{
				{"Charge/summons", 12},
				{"Suspect not identified", 18},
				{"Victim does not support police action", 55},
				{"Victim supports police action but evidential difficulties", 44},
				{"Further action by another agency", 7},
				{"Under investigation", 12},
			},
		},
	}
}

func cambridgeshireNotes() []string {
	return []string{
		"Notes",
		"",
		"Cambridgeshire Constabulary - Freedom of Information response, reference FOI 0912/2024, 30 July 2024.",
		"Crimes were identified by searching the crime report text for \"TikTok\"; a crime is counted only if the app was named by the officer recording it.",
		"Financial years run from 1 April to 31 March.",
		"The offence and outcome sheets list the main categories only and do not add up to the number of crimes.",
		"\"Under investigation\" means no outcome had been recorded when the data was extracted on 24/07/2024.",
	}
}

// cambridgeshireWorkbook returns the spreadsheet's bytes. Document
// properties are fixed so the file is the same on every run.
func cambridgeshireWorkbook() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return nil, err
	}
	for i, s := range cambridgeshireSheets() {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		if err := fillSheet(f, s, bold, title); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	if _, err := f.NewSheet("Notes"); err != nil {
		return nil, err
	}
	for i, n := range cambridgeshireNotes() {
		if n == "" {
			continue
		}
		if err := f.SetCellStr("Notes", fmt.Sprintf("A%d", i+1), n); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle("Notes", "A1", "A1", title); err != nil {
		return nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "FOI 0912/2024 TikTok crimes",
		Creator:        "Cambridgeshire Constabulary Information Rights",
		LastModifiedBy: "Cambridgeshire Constabulary Information Rights",
		Created:        "2024-07-30T09:12:00Z",
		Modified:       "2024-07-30T09:40:00Z",
		Language:       "en-GB",
	}); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func fillSheet(f *excelize.File, s sheet, bold, title int) error {
	if err := f.SetCellStr(s.name, "A1", s.title); err != nil {
		return err
	}
	if err := f.SetCellStyle(s.name, "A1", "A1", title); err != nil {
		return err
	}
	// Row 2 is left blank on purpose: that is how these sheets arrive.
	if err := f.SetSheetRow(s.name, "A3", &[]any{s.header[0], s.header[1]}); err != nil {
		return err
	}
	if err := f.SetCellStyle(s.name, "A3", "B3", bold); err != nil {
		return err
	}
	for i, r := range s.rows {
		if err := f.SetSheetRow(s.name, fmt.Sprintf("A%d", i+4), &[]any{r.label, r.value}); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(s.name, "A", "A", 58); err != nil {
		return err
	}
	return f.SetColWidth(s.name, "B", "B", 18)
}
