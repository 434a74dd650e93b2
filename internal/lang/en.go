package lang

// English is the catalog's reference: its texts are the keys.
var English = Catalog{
	Code:     "en",
	Weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	Months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
		"November", "December"},
	Long:     "{weekday} {day} {month} {year}",
	DayMonth: "{weekday} {day} {month}",
	Day:      "{weekday} {day}",
	DateOnly: "{day} {month} {year}",
}
