package content

import (
	"slices"
	"strings"

	"rolesite/generator/diag"
	"rolesite/internal/editdist"
)

// employmentTypes are schema.org/Google's employmentType values.
var employmentTypes = []string{"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}

// salaryUnits are Google's unitText values for a base salary.
// Hosts are the values of site.yaml's host: the static hosts whose way of
// redirecting the generator knows.
var Hosts = []string{"netlify", "cloudflare-pages", "github-pages", "s3"}

var salaryUnits = []string{"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}

// EmploymentTypes returns the employmentType values a role may give.
func EmploymentTypes() []string { return slices.Clone(employmentTypes) }

// SalaryUnits returns the units a salary may give.
func SalaryUnits() []string { return slices.Clone(salaryUnits) }

// educationLevels are Google's credentialCategory values.
var educationLevels = []string{"high school", "associate degree", "bachelor degree", "professional certificate", "postgraduate degree"}

// currencyCodes lists ISO 4217 active currency codes.
const currencyCodes = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
	"CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD " +
	"HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD " +
	"MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG " +
	"QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD " +
	"TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG"

// countryCodes lists ISO 3166-1 alpha-2 codes.
const countryCodes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW " +
	"BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM " +
	"FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE " +
	"JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP " +
	"MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA " +
	"RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR " +
	"TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

func isCode(list, code string) bool {
	return len(code) >= 2 && !strings.Contains(code, " ") && strings.Contains(" "+list+" ", " "+code+" ")
}

func oneOf(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// suggest returns the candidate closest to s within a small edit distance,
// or "" when none is close enough to be a likely typo.
func suggest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := editdist.Distance(ls, strings.ToLower(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := 2
	if len(s) > 8 {
		limit = 3
	}
	if bestDist <= limit && bestDist < len(s) {
		return best
	}
	return ""
}

// hint suggests the candidate closest to s, or is the zero Text when none
// is close.
func hint(s string, candidates []string) diag.Text {
	if h := suggest(s, candidates); h != "" {
		return diag.T(diag.HintDidYouMean, h)
	}
	return diag.Text{}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
