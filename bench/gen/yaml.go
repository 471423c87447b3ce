package gen

// campaignYAML is the synthetic campaign's request: three questions, as
// the bundled example asks them, about a made-up messaging app.
const campaignYAML = `# A synthetic campaign written by bench/gen for measuring foiwire.
slug: bench-chatapp
title: "Crimes recorded with a messaging app as an element"
topic: ChatApp
authorities: all
sender: {name: "Sam Reed", email: "desk@newsroom.example", organisation: "Newsroom Data Unit"}
percent_style: per cent
request: |
  Please send the number of crimes your force recorded in which the app was
  noted as an element, for each financial year, with the offences and the
  outcomes of the crimes recorded in 2023/24.
questions:
  - id: q1
    text: "How many crimes did the force record with the app noted as an element in each of 2021/22, 2022/23 and 2023/24?"
    measure: period
    periods: ["2021/22", "2022/23", "2023/24"]
    keywords: [crimes recorded, financial year, question 1]
  - id: q1a
    text: "What offences were the crimes recorded?"
    measure: offence
    periods: ["2023/24"]
    keywords: [offence, offences recorded, question 1a]
  - id: q1b
    text: "What outcomes were reached for the crimes recorded in 2023/24?"
    measure: outcome
    periods: ["2023/24"]
    keywords: [outcome, outcomes, question 1b]
boilerplate: |
  The Newsroom Data Unit asked every police force in England and Wales how
  many crimes they recorded with the app noted as an element.
`

// storyYAML is a short story template over the same facts the example's
// template uses.
const storyYAML = `headline:
  - when: total
    say:
      - >-
        {{.Force.Name}} logs {{approx .Total}} crimes linked to {{.Topic}} since {{.Total.From}}
  - say:
      - >-
        {{.Topic}}-linked crime: the figures from {{.Force.Name}}
standfirst:
  - when: total
    say:
      - >-
        Police in {{.Force.ShortName}} recorded {{plural .Total "offence"}} with a link to {{.Topic}} between {{.Total.From}} and {{.Total.To}}.
paragraphs:
  - name: years
    when: years == 3
    say:
      - >-
        {{.Force.Name}} recorded {{plural .First "offence"}} linked to {{.Topic}} in {{.First.Year}}, then {{num .Previous}} in {{.Previous.Year}} and {{num .Latest}} in {{.Latest.Year}}.
  - name: offences
    when: offences >= 3
    say:
      - >-
        Among the offences recorded in {{.OffenceYear}} were {{offences .Offences 3}}.
  - chart: true
`
