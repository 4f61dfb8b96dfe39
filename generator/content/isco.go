package content

// ISCO08Set is the code set URL that names ISCO-08 in JSON-LD.
const ISCO08Set = "https://www.ilo.org/public/english/bureau/stat/isco/isco08/"

// iscoLabels are the ILO's titles of the ISCO-08 unit groups in which
// recruiting agencies of digital roles place people. A code outside this
// table is accepted with a warning and carries no name.
var iscoLabels = map[string]string{
	"1120": "Managing directors and chief executives",
	"1211": "Finance managers",
	"1212": "Human resource managers",
	"1213": "Policy and planning managers",
	"1219": "Business services and administration managers not elsewhere classified",
	"1221": "Sales and marketing managers",
	"1222": "Advertising and public relations managers",
	"1223": "Research and development managers",
	"1321": "Manufacturing managers",
	"1323": "Construction managers",
	"1324": "Supply, distribution and related managers",
	"1330": "Information and communications technology service managers",
	"1346": "Financial and insurance services branch managers",
	"1349": "Professional services managers not elsewhere classified",
	"1420": "Retail and wholesale trade managers",
	"1439": "Services managers not elsewhere classified",
	"2161": "Building architects",
	"2163": "Product and garment designers",
	"2166": "Graphic and multimedia designers",
	"2411": "Accountants",
	"2412": "Financial and investment advisers",
	"2413": "Financial analysts",
	"2421": "Management and organization analysts",
	"2422": "Policy administration professionals",
	"2423": "Personnel and careers professionals",
	"2424": "Training and staff development professionals",
	"2431": "Advertising and marketing professionals",
	"2432": "Public relations professionals",
	"2433": "Technical and medical sales professionals (excluding ICT)",
	"2434": "Information and communications technology sales professionals",
	"2511": "Systems analysts",
	"2512": "Software developers",
	"2513": "Web and multimedia developers",
	"2514": "Applications programmers",
	"2519": "Software and applications developers and analysts not elsewhere classified",
	"2521": "Database designers and administrators",
	"2522": "Systems administrators",
	"2523": "Computer network professionals",
	"2529": "Database and network professionals not elsewhere classified",
	"3322": "Commercial sales representatives",
	"3323": "Buyers",
	"3324": "Trade brokers",
	"3333": "Employment agents and contractors",
	"3339": "Business services agents not elsewhere classified",
	"3511": "Information and communications technology operations technicians",
	"3512": "Information and communications technology user support technicians",
	"3513": "Computer network and systems technicians",
	"3514": "Web technicians",
	"3521": "Broadcasting and audiovisual technicians",
	"4110": "General office clerks",
	"5221": "Shop keepers",
	"5223": "Shop sales assistants",
}

// ISCO08Label returns the ILO title of an ISCO-08 unit group, or "".
func ISCO08Label(code string) string { return iscoLabels[code] }
