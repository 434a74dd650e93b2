package network

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Ranking organizations for a new program: who has been most valuable
// for programs on its topics, by their past meetings on those topics,
// the visitors' and their own ratings, and the collaborations that
// followed.

// PastMeeting is a meeting an organization hosted in an earlier program,
// with its topics and its program's objectives.
type PastMeeting struct {
	ProgramID int64
	Topics    []string
}

// Record is an organization's history.
type Record struct {
	ID       int64
	Name     string
	Meetings []PastMeeting
	// RatingSum and Ratings: the ratings (1–5) of its meetings by visitors
	// and of how it went by its own resources.
	RatingSum, Ratings int
	Collaborations     int
}

// Ranked is an organization's place in a ranking, with its reason.
type Ranked struct {
	ID       int64
	Name     string
	Score    float64
	Matching int // programs met on the topics asked
	// MatchingMeetings and OtherMeetings are the meetings held on the
	// topics asked and on others.
	MatchingMeetings, OtherMeetings int
	Topic                           string // the topic asked it met most on
	Average                         float64
	Ratings                         int
	Collaborations                  int
	Reason                          string
}

// Score weights, stated where the page explains the ranking.
const (
	ScoreMatchingMeeting = 3 // each meeting held on a topic asked
	ScoreOtherMeeting    = 1 // each other meeting held
	ScoreCollaboration   = 2 // each collaboration that followed
	// The mean rating counts (mean − 3) × ScoreRating, scaled by how many
	// ratings there are, up to ten.
	ScoreRating = 2
)

// HowRanked says how Score is counted, for the page and the API.
var HowRanked = fmt.Sprintf("Each meeting held on one of the program's topics counts %d, any other meeting %d, each collaboration that followed %d; "+
	"the mean rating (1–5, visitors' ratings of its meetings and its resources' own) adds (mean − 3) × %d, in full from ten ratings. "+
	"A topic matches when one name contains the other, case aside.", ScoreMatchingMeeting, ScoreOtherMeeting, ScoreCollaboration, ScoreRating)

func normal(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// matches reports the first topic asked that one of has, or "".
func matches(asked, has []string) string {
	for _, a := range asked {
		na := normal(a)
		if na == "" {
			continue
		}
		for _, h := range has {
			nh := normal(h)
			if nh != "" && (strings.Contains(nh, na) || strings.Contains(na, nh)) {
				return a
			}
		}
	}
	return ""
}

// Rank orders the organizations that have a history (a meeting held or a
// collaboration) for a program on topics: the highest Score first, then
// by name. It is pure: the same records give the same ranking.
func Rank(topics []string, records []Record) []Ranked {
	var out []Ranked
	for _, r := range records {
		if len(r.Meetings) == 0 && r.Collaborations == 0 {
			continue
		}
		x := Ranked{ID: r.ID, Name: r.Name, Ratings: r.Ratings, Collaborations: r.Collaborations}
		programs := map[int64]bool{}
		byTopic := map[string]int{}
		for _, m := range r.Meetings {
			if t := matches(topics, m.Topics); t != "" {
				x.MatchingMeetings++
				programs[m.ProgramID] = true
				byTopic[t]++
			} else {
				x.OtherMeetings++
			}
		}
		x.Matching = len(programs)
		for _, t := range topics {
			if byTopic[t] > byTopic[x.Topic] {
				x.Topic = t
			}
		}
		x.Score = float64(ScoreMatchingMeeting*x.MatchingMeetings + ScoreOtherMeeting*x.OtherMeetings + ScoreCollaboration*x.Collaborations)
		if r.Ratings > 0 {
			x.Average = float64(r.RatingSum) / float64(r.Ratings)
			x.Score += (x.Average - 3) * ScoreRating * math.Min(float64(r.Ratings), 10) / 10
		}
		x.Score = math.Round(x.Score*100) / 100
		x.Reason = reason(x)
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b Ranked) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// reason writes why an organization ranks where it does: "met 4 programs
// on victim services, average 4.6/5, 2 collaborations".
func reason(x Ranked) string {
	var parts []string
	switch {
	case x.Matching > 0:
		parts = append(parts, fmt.Sprintf("met %s on %s", plural(x.Matching, "program"), strings.ToLower(x.Topic)))
		if x.OtherMeetings > 0 {
			parts = append(parts, fmt.Sprintf("%s on other topics", plural(x.OtherMeetings, "meeting")))
		}
	case x.OtherMeetings > 0:
		parts = append(parts, fmt.Sprintf("%s on other topics", plural(x.OtherMeetings, "meeting")))
	}
	if x.Ratings > 0 {
		parts = append(parts, fmt.Sprintf("average %.1f/5", x.Average))
	} else {
		parts = append(parts, "not rated yet")
	}
	if x.Collaborations > 0 {
		parts = append(parts, plural(x.Collaborations, "collaboration"))
	}
	return strings.Join(parts, ", ")
}
