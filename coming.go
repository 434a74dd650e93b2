package itinera

// Coming is who goes to a meeting, as its host is told (issue 15): the
// visitors and interpreters of its item when the itinerary has it for part
// of the delegation; else the visitors the meeting names (ForVisitors),
// their interpreters not known until it is scheduled; else the whole
// delegation. Part says it is not the whole delegation.
func Coming(m Meeting, it *Itinerary, vs []Visitor, is []Interpreter) (visitors []Visitor, interpreters []Interpreter, part bool) {
	if it != nil {
		for _, x := range it.Items {
			if x.MeetingID != m.ID || m.ID == 0 || x.Whole() {
				continue
			}
			for _, v := range vs {
				if x.Attends(v.ID) {
					visitors = append(visitors, v)
				}
			}
			for _, i := range is {
				if x.Interprets(i.ID) {
					interpreters = append(interpreters, i)
				}
			}
			return visitors, interpreters, true
		}
	}
	if m.Attendance.For == ForVisitors && len(m.Attendance.VisitorIDs) > 0 {
		for _, v := range vs {
			if containsID(m.Attendance.VisitorIDs, v.ID) {
				visitors = append(visitors, v)
			}
		}
		return visitors, nil, true
	}
	return vs, is, false
}
