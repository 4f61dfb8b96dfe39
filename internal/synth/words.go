package synth

// category is one Fachbereich of the synthetic site.
type category struct {
	key, title, description string
}

var categories = []category{
	{"tech-development", "Tech & Development", "Entwicklerinnen und Entwickler, Architektur und Qualitätssicherung: die Rollen, die Software planen, bauen und zuverlässig betreiben."},
	{"e-commerce", "e-Commerce", "Shop-Systeme, Marktplätze und Projekte im Onlinehandel: Rollen für Plattformen, Sortimente und Logistik."},
	{"digital-marketing", "Digital Marketing", "Gestaltung, Nutzerführung und Reichweite: Rollen, die digitale Marken sichtbar und messbar erfolgreich machen."},
	{"business-development-digital-sales", "Business Development & Digital Sales", "Neukunden, Bestandskunden und Vertriebsführung: Rollen, die digitale Produkte verkaufen und Umsatz planbar machen."},
	{"information-technology", "Information Technology", "IT-Betrieb, Sicherheit, Beratung und Einkauf: Rollen, die die IT eines Unternehmens steuern und schützen."},
	{"data-analytics", "Data & Analytics", "Daten sammeln, verstehen und nutzen: Rollen zwischen Datenplattform, Statistik und maschinellem Lernen."},
	{"product-design", "Product & Design", "Produktmanagement, Nutzerforschung und Gestaltung: Rollen, die entscheiden, was gebaut wird und wie es sich anfühlt."},
}

// base is a role word: German title, an English synonym, its category
// (index into categories), its ISCO-08 unit group and typical skills.
type base struct {
	de, en string
	cat    int
	isco   string
	skills []string
}

var (
	skDev    = []string{"Go", "Java", "Kotlin", "PostgreSQL", "REST-APIs", "Kafka", "Docker", "Kubernetes", "Git", "CI/CD"}
	skWeb    = []string{"TypeScript", "React", "Vue.js", "CSS", "HTML", "Barrierefreiheit", "Webpack", "Jest"}
	skShop   = []string{"Shopify", "Shopware", "Magento", "PIM", "ERP-Anbindung", "Google Analytics", "SQL"}
	skMkt    = []string{"SEO", "SEA", "Google Ads", "Meta Ads", "Content-Strategie", "A/B-Tests", "Looker Studio"}
	skSales  = []string{"CRM", "Salesforce", "HubSpot", "Verhandlungsführung", "Pipeline-Management", "Key Accounts"}
	skIT     = []string{"ITIL", "Active Directory", "Microsoft 365", "Netzwerke", "ISO 27001", "Linux", "VMware"}
	skData   = []string{"Python", "SQL", "dbt", "Airflow", "Spark", "Tableau", "Power BI", "Statistik"}
	skDesign = []string{"Figma", "Nutzerforschung", "Prototyping", "Design-Systeme", "Jira", "Roadmapping"}
)

// bases holds about 200 role words. Their titles and synonyms are unique
// after case folding; generated names add a seniority and a city.
var bases = []base{
	// tech-development
	{"Backend-Entwickler", "Backend Developer", 0, "2512", skDev},
	{"Frontend-Entwickler", "Frontend Developer", 0, "2513", skWeb},
	{"Full-Stack-Entwickler", "Full Stack Developer", 0, "2512", skDev},
	{"Softwareentwickler", "Software Developer", 0, "2512", skDev},
	{"Software-Architekt", "Software Architect", 0, "2511", skDev},
	{"Java-Entwickler", "Java Developer", 0, "2512", skDev},
	{"Go-Entwickler", "Golang Developer", 0, "2512", skDev},
	{"Python-Entwickler", "Python Developer", 0, "2512", skData},
	{"PHP-Entwickler", "PHP Developer", 0, "2513", skDev},
	{"Dotnet-Entwickler", "Dotnet Developer", 0, "2512", skDev},
	{"JavaScript-Entwickler", "JavaScript Developer", 0, "2513", skWeb},
	{"TypeScript-Entwickler", "TypeScript Engineer", 0, "2513", skWeb},
	{"React-Entwickler", "React Developer", 0, "2513", skWeb},
	{"Angular-Entwickler", "Angular Developer", 0, "2513", skWeb},
	{"Vue-Entwickler", "Vue Developer", 0, "2513", skWeb},
	{"Node-Entwickler", "Node Developer", 0, "2513", skWeb},
	{"iOS-Entwickler", "iOS Developer", 0, "2514", skDev},
	{"Android-Entwickler", "Android Developer", 0, "2514", skDev},
	{"App-Entwickler", "Mobile Developer", 0, "2514", skDev},
	{"Embedded-Entwickler", "Embedded Software Engineer", 0, "2512", skDev},
	{"Spieleentwickler", "Game Developer", 0, "2514", skDev},
	{"Qualitätssicherungsingenieur", "QA Engineer", 0, "2519", skDev},
	{"Testautomatisierer", "Test Automation Engineer", 0, "2519", skDev},
	{"DevOps-Ingenieur", "DevOps Engineer", 0, "2512", skDev},
	{"Site-Reliability-Ingenieur", "Site Reliability Engineer", 0, "2522", skDev},
	{"Plattform-Ingenieur", "Platform Engineer", 0, "2512", skDev},
	{"Cloud-Architekt", "Cloud Architect", 0, "2511", skDev},
	{"Rust-Entwickler", "Rust Developer", 0, "2512", skDev},
	{"Kotlin-Entwickler", "Kotlin Developer", 0, "2514", skDev},
	{"Scala-Entwickler", "Scala Developer", 0, "2512", skDev},
	{"Ruby-Entwickler", "Ruby on Rails Developer", 0, "2513", skDev},
	{"Systementwickler", "Systems Developer", 0, "2512", skDev},
	{"Entwicklungsleiter", "Head of Development", 0, "1330", skDev},
	{"Technischer Teamleiter", "Engineering Manager", 0, "1330", skDev},
	{"Scrum Master", "Agile Coach", 0, "2421", skDesign},
	{"Salesforce-Entwickler", "Salesforce Developer", 0, "2514", skSales},
	{"SAP-Entwickler", "SAP ABAP Developer", 0, "2514", skDev},
	{"Webentwickler", "Web Developer", 0, "2513", skWeb},
	{"Sicherheitsentwickler", "Application Security Engineer", 0, "2519", skIT},
	{"API-Entwickler", "Integration Developer", 0, "2514", skDev},
	// e-commerce
	{"E-Commerce-Manager", "Ecommerce Lead", 1, "1420", skShop},
	{"Onlineshop-Manager", "Online Shop Manager", 1, "1420", skShop},
	{"Marktplatzmanager", "Marketplace Specialist", 1, "2434", skShop},
	{"Shopify-Entwickler", "Shopify Developer", 1, "2513", skShop},
	{"Shopware-Entwickler", "Shopware Developer", 1, "2513", skShop},
	{"Magento-Entwickler", "Magento Developer", 1, "2513", skShop},
	{"Intershop-Entwickler", "Intershop Developer", 1, "2513", skShop},
	{"Commercetools-Entwickler", "Commercetools Developer", 1, "2513", skShop},
	{"E-Commerce-Projektmanager", "Ecommerce Project Manager", 1, "2421", skShop},
	{"Kategoriemanager", "Category Manager", 1, "1420", skShop},
	{"Produktdatenmanager", "Product Data Manager", 1, "2431", skShop},
	{"PIM-Spezialist", "PIM Specialist", 1, "2431", skShop},
	{"Amazon-Manager", "Amazon Account Manager", 1, "2434", skShop},
	{"Conversion-Manager", "Conversion Rate Optimizer", 1, "2431", skShop},
	{"E-Commerce-Analyst", "Ecommerce Analyst", 1, "2421", skShop},
	{"Fulfillment-Manager", "Head of Fulfillment", 1, "1324", skShop},
	{"Logistikplaner", "Logistics Planner", 1, "1324", skShop},
	{"Einkäufer Onlinehandel", "Ecommerce Buyer", 1, "3323", skShop},
	{"Sortimentsmanager", "Assortment Manager", 1, "1420", skShop},
	{"Shop-Administrator", "Shop Administrator", 1, "3514", skShop},
	{"Webshop-Berater", "Ecommerce Consultant", 1, "2421", skShop},
	{"Customer-Experience-Manager", "CX Manager", 1, "1221", skShop},
	{"Kundenservice-Leiter", "Head of Customer Service", 1, "1439", skShop},
	{"Omnichannel-Manager", "Omnichannel Lead", 1, "1420", skShop},
	{"Preismanager", "Pricing Manager", 1, "2431", skShop},
	{"Retourenmanager", "Returns Manager", 1, "1324", skShop},
	{"Payment-Spezialist", "Payment Specialist", 1, "2412", skShop},
	{"Marktplatz-Entwickler", "Marketplace Developer", 1, "2513", skShop},
	{"D2C-Manager", "Direct to Consumer Manager", 1, "1221", skShop},
	{"Trade-Marketing-Manager", "Trade Marketing Lead", 1, "2431", skShop},
	// digital-marketing
	{"SEO-Manager", "SEO Specialist", 2, "2431", skMkt},
	{"SEA-Manager", "Paid Search Manager", 2, "2431", skMkt},
	{"Performance-Marketing-Manager", "Performance Marketer", 2, "2431", skMkt},
	{"Social-Media-Manager", "Social Media Specialist", 2, "2432", skMkt},
	{"Content-Manager", "Content Specialist", 2, "2432", skMkt},
	{"Online-Redakteur", "Online Editor", 2, "2432", skMkt},
	{"Texter", "Copywriter", 2, "2431", skMkt},
	{"UX-Designer", "User Experience Designer", 2, "2166", skDesign},
	{"UI-Designer", "User Interface Designer", 2, "2166", skDesign},
	{"Webdesigner", "Web Designer", 2, "2166", skDesign},
	{"Grafikdesigner", "Graphic Designer", 2, "2166", skDesign},
	{"Mediengestalter", "Media Designer", 2, "2166", skDesign},
	{"Art Director", "Creative Lead", 2, "2166", skDesign},
	{"Markenmanager", "Brand Manager", 2, "2431", skMkt},
	{"Marketingleiter", "Head of Marketing", 2, "1221", skMkt},
	{"E-Mail-Marketing-Manager", "CRM Marketing Manager", 2, "2431", skMkt},
	{"Affiliate-Manager", "Affiliate Marketing Specialist", 2, "2431", skMkt},
	{"Influencer-Manager", "Influencer Marketing Specialist", 2, "2432", skMkt},
	{"Community-Manager", "Community Lead", 2, "2432", skMkt},
	{"Pressesprecher", "Press Officer", 2, "2432", skMkt},
	{"PR-Manager", "Public Relations Manager", 2, "2432", skMkt},
	{"Videoproduzent", "Video Producer", 2, "3521", skMkt},
	{"Motion-Designer", "Motion Graphics Designer", 2, "2166", skDesign},
	{"Growth-Manager", "Growth Hacker", 2, "2431", skMkt},
	{"Marketing-Automation-Manager", "Marketing Automation Specialist", 2, "2431", skMkt},
	{"Webanalyst", "Web Analyst", 2, "2431", skMkt},
	{"Tracking-Spezialist", "Tracking Specialist", 2, "2431", skMkt},
	{"Produktmarketing-Manager", "Product Marketing Manager", 2, "2431", skMkt},
	{"Eventmanager", "Event Manager", 2, "2432", skMkt},
	{"Kommunikationsmanager", "Communications Manager", 2, "2432", skMkt},
	// business-development-digital-sales
	{"Key Account Manager", "Strategic Account Manager", 3, "2434", skSales},
	{"Account Manager", "Client Manager", 3, "2434", skSales},
	{"Account Director", "Client Director", 3, "1221", skSales},
	{"Business Development Manager", "Business Developer", 3, "2434", skSales},
	{"Vertriebsleiter", "Head of Sales", 3, "1221", skSales},
	{"Sales Director", "Director of Sales", 3, "1221", skSales},
	{"Vertriebsmitarbeiter Innendienst", "Inside Sales Representative", 3, "3322", skSales},
	{"Außendienstmitarbeiter", "Field Sales Representative", 3, "3322", skSales},
	{"Partnermanager", "Partner Manager", 3, "2434", skSales},
	{"Channel-Manager", "Channel Sales Manager", 3, "2434", skSales},
	{"Customer-Success-Manager", "Customer Success Lead", 3, "2434", skSales},
	{"Pre-Sales-Berater", "Presales Consultant", 3, "2434", skSales},
	{"Solution-Sales-Manager", "Solution Seller", 3, "2434", skSales},
	{"Sales Development Representative", "SDR", 3, "3322", skSales},
	{"Business Development Representative", "BDR", 3, "3322", skSales},
	{"Vertriebsingenieur", "Sales Engineer", 3, "2433", skSales},
	{"Angebotsmanager", "Bid Manager", 3, "2434", skSales},
	{"Vertriebscontroller", "Sales Controller", 3, "2413", skSales},
	{"Gebietsverkaufsleiter", "Area Sales Manager", 3, "1221", skSales},
	{"Kundenberater", "Client Advisor", 3, "3322", skSales},
	{"Lizenzmanager", "License Manager", 3, "2434", skSales},
	{"Agenturberater", "Agency Consultant", 3, "2431", skSales},
	{"Medienberater", "Media Sales Consultant", 3, "2431", skSales},
	{"Ausschreibungsmanager", "Tender Manager", 3, "2434", skSales},
	{"Revenue-Operations-Manager", "RevOps Manager", 3, "1221", skSales},
	{"Inside-Sales-Teamleiter", "Inside Sales Lead", 3, "1221", skSales},
	{"Verkaufsberater", "Sales Advisor", 3, "3322", skSales},
	{"Handelsvertreter", "Sales Agent", 3, "3324", skSales},
	{"Personalberater", "Recruitment Consultant", 3, "3333", skSales},
	{"Recruiter", "Talent Acquisition Specialist", 3, "2423", skSales},
	// information-technology
	{"IT-Berater", "IT Consultant", 4, "2511", skIT},
	{"IT-Manager", "Head of IT", 4, "1330", skIT},
	{"IT-Security-Officer", "Information Security Officer", 4, "2529", skIT},
	{"IT-Einkäufer", "IT Buyer", 4, "3323", skIT},
	{"Systemadministrator", "System Administrator", 4, "2522", skIT},
	{"Netzwerkadministrator", "Network Administrator", 4, "2523", skIT},
	{"Netzwerkingenieur", "Network Engineer", 4, "2523", skIT},
	{"Datenbankadministrator", "Database Administrator", 4, "2521", skIT},
	{"IT-Support-Mitarbeiter", "IT Support Specialist", 4, "3512", skIT},
	{"Helpdesk-Mitarbeiter", "Helpdesk Agent", 4, "3512", skIT},
	{"Fachinformatiker Systemintegration", "Systems Integration Specialist", 4, "3513", skIT},
	{"IT-Projektleiter", "IT Project Manager", 4, "1330", skIT},
	{"IT-Architekt", "Enterprise Architect", 4, "2511", skIT},
	{"Informationssicherheitsbeauftragter", "CISO", 4, "2529", skIT},
	{"Datenschutzbeauftragter", "Data Protection Officer", 4, "2529", skIT},
	{"Penetrationstester", "Penetration Tester", 4, "2529", skIT},
	{"SOC-Analyst", "Security Analyst", 4, "2529", skIT},
	{"Cloud-Administrator", "Cloud Administrator", 4, "2522", skIT},
	{"Linux-Administrator", "Linux Engineer", 4, "2522", skIT},
	{"Windows-Administrator", "Windows Engineer", 4, "2522", skIT},
	{"SAP-Berater", "SAP Consultant", 4, "2511", skIT},
	{"ERP-Berater", "ERP Consultant", 4, "2511", skIT},
	{"IT-Servicemanager", "IT Service Manager", 4, "1330", skIT},
	{"IT-Operations-Manager", "Head of IT Operations", 4, "1330", skIT},
	{"Rechenzentrumstechniker", "Data Center Technician", 4, "3513", skIT},
	{"IT-Auditor", "IT Auditor", 4, "2411", skIT},
	{"IT-Controller", "IT Controller", 4, "2411", skIT},
	{"Lizenzberater", "Software Asset Manager", 4, "1330", skIT},
	{"Identity-Manager", "Identity and Access Manager", 4, "2529", skIT},
	{"Workplace-Engineer", "Modern Workplace Specialist", 4, "3512", skIT},
	// data-analytics
	{"Data Scientist", "Datenwissenschaftler", 5, "2519", skData},
	{"Data Engineer", "Dateningenieur", 5, "2521", skData},
	{"Data Analyst", "Datenanalyst", 5, "2511", skData},
	{"BI-Entwickler", "Business Intelligence Developer", 5, "2521", skData},
	{"BI-Analyst", "Business Intelligence Analyst", 5, "2511", skData},
	{"Machine-Learning-Ingenieur", "Machine Learning Engineer", 5, "2519", skData},
	{"KI-Entwickler", "AI Developer", 5, "2519", skData},
	{"Statistiker", "Statistician", 5, "2511", skData},
	{"Datenarchitekt", "Data Architect", 5, "2521", skData},
	{"Analytics Engineer", "Analytik-Ingenieur", 5, "2521", skData},
	{"Controller", "Financial Controller", 5, "2411", skData},
	{"Finanzanalyst", "Financial Analyst", 5, "2413", skData},
	{"Marktforscher", "Market Researcher", 5, "2431", skData},
	{"Data-Governance-Manager", "Data Governance Lead", 5, "1330", skData},
	{"Reporting-Spezialist", "Reporting Specialist", 5, "2511", skData},
	{"Prozessanalyst", "Process Analyst", 5, "2421", skData},
	{"Computerlinguist", "NLP Engineer", 5, "2519", skData},
	{"Bioinformatiker", "Bioinformatics Specialist", 5, "2519", skData},
	{"Quantitativer Analyst", "Quant Analyst", 5, "2413", skData},
	{"Aktuar", "Actuary", 5, "2413", skData},
	{"Datenbankentwickler", "Database Developer", 5, "2521", skData},
	{"ETL-Entwickler", "ETL Developer", 5, "2521", skData},
	{"Data-Product-Manager", "Data Product Owner", 5, "1330", skData},
	{"Risikoanalyst", "Risk Analyst", 5, "2413", skData},
	{"Pricing-Analyst", "Pricing Analyst", 5, "2413", skData},
	// product-design
	{"Produktmanager", "Product Manager", 6, "2421", skDesign},
	{"Product Owner", "Produktverantwortlicher", 6, "2421", skDesign},
	{"Produktdesigner", "Product Designer", 6, "2163", skDesign},
	{"UX-Researcher", "User Researcher", 6, "2421", skDesign},
	{"UX-Writer", "Content Designer", 6, "2431", skDesign},
	{"Service-Designer", "Service Design Lead", 6, "2163", skDesign},
	{"Interaction-Designer", "Interaction Designer", 6, "2166", skDesign},
	{"Projektmanager", "Project Manager", 6, "2421", skDesign},
	{"Programmmanager", "Program Manager", 6, "1219", skDesign},
	{"Produktleiter", "Head of Product", 6, "1219", skDesign},
	{"Technischer Redakteur", "Technical Writer", 6, "2432", skDesign},
	{"Innovationsmanager", "Innovation Manager", 6, "1223", skDesign},
	{"Business Analyst", "Fachkonzeptionist", 6, "2421", skDesign},
	{"Requirements Engineer", "Anforderungsmanager", 6, "2421", skDesign},
	{"Agile Coach Enterprise", "Transformation Coach", 6, "2424", skDesign},
	{"Produktionsplaner", "Production Planner", 6, "1321", skDesign},
	{"Industriedesigner", "Industrial Designer", 6, "2163", skDesign},
	{"Architekt", "Building Architect", 6, "2161", skDesign},
	{"Bauleiter", "Construction Manager", 6, "1323", skDesign},
	{"Personalreferent", "HR Generalist", 6, "2423", skDesign},
	{"Personalleiter", "Head of HR", 6, "1212", skDesign},
	{"Trainer", "Corporate Trainer", 6, "2424", skDesign},
	{"Office-Manager", "Office Manager", 6, "4110", skDesign},
	{"Assistent der Geschäftsführung", "Executive Assistant", 6, "4110", skDesign},
	{"Geschäftsführer", "Managing Director", 6, "1120", skDesign},
}

// city is a place a role is located in.
type city struct {
	name, region, postal, country string
}

var cities = []city{
	{"Berlin", "Berlin", "10115", "DE"}, {"Hamburg", "Hamburg", "20095", "DE"}, {"München", "Bayern", "80331", "DE"},
	{"Köln", "Nordrhein-Westfalen", "50667", "DE"}, {"Frankfurt am Main", "Hessen", "60311", "DE"}, {"Stuttgart", "Baden-Württemberg", "70173", "DE"},
	{"Düsseldorf", "Nordrhein-Westfalen", "40213", "DE"}, {"Leipzig", "Sachsen", "04109", "DE"}, {"Dortmund", "Nordrhein-Westfalen", "44135", "DE"},
	{"Essen", "Nordrhein-Westfalen", "45127", "DE"}, {"Bremen", "Bremen", "28195", "DE"}, {"Dresden", "Sachsen", "01067", "DE"},
	{"Hannover", "Niedersachsen", "30159", "DE"}, {"Nürnberg", "Bayern", "90402", "DE"}, {"Duisburg", "Nordrhein-Westfalen", "47051", "DE"},
	{"Bochum", "Nordrhein-Westfalen", "44787", "DE"}, {"Wuppertal", "Nordrhein-Westfalen", "42103", "DE"}, {"Bielefeld", "Nordrhein-Westfalen", "33602", "DE"},
	{"Bonn", "Nordrhein-Westfalen", "53111", "DE"}, {"Münster", "Nordrhein-Westfalen", "48143", "DE"}, {"Mannheim", "Baden-Württemberg", "68159", "DE"},
	{"Karlsruhe", "Baden-Württemberg", "76133", "DE"}, {"Augsburg", "Bayern", "86150", "DE"}, {"Wiesbaden", "Hessen", "65183", "DE"},
	{"Mönchengladbach", "Nordrhein-Westfalen", "41061", "DE"}, {"Gelsenkirchen", "Nordrhein-Westfalen", "45879", "DE"}, {"Aachen", "Nordrhein-Westfalen", "52062", "DE"},
	{"Braunschweig", "Niedersachsen", "38100", "DE"}, {"Kiel", "Schleswig-Holstein", "24103", "DE"}, {"Chemnitz", "Sachsen", "09111", "DE"},
	{"Halle", "Sachsen-Anhalt", "06108", "DE"}, {"Magdeburg", "Sachsen-Anhalt", "39104", "DE"}, {"Freiburg", "Baden-Württemberg", "79098", "DE"},
	{"Krefeld", "Nordrhein-Westfalen", "47798", "DE"}, {"Mainz", "Rheinland-Pfalz", "55116", "DE"}, {"Lübeck", "Schleswig-Holstein", "23552", "DE"},
	{"Erfurt", "Thüringen", "99084", "DE"}, {"Oberhausen", "Nordrhein-Westfalen", "46045", "DE"}, {"Rostock", "Mecklenburg-Vorpommern", "18055", "DE"},
	{"Kassel", "Hessen", "34117", "DE"}, {"Hagen", "Nordrhein-Westfalen", "58095", "DE"}, {"Potsdam", "Brandenburg", "14467", "DE"},
	{"Saarbrücken", "Saarland", "66111", "DE"}, {"Hamm", "Nordrhein-Westfalen", "59065", "DE"}, {"Ludwigshafen", "Rheinland-Pfalz", "67059", "DE"},
	{"Oldenburg", "Niedersachsen", "26122", "DE"}, {"Osnabrück", "Niedersachsen", "49074", "DE"}, {"Leverkusen", "Nordrhein-Westfalen", "51373", "DE"},
	{"Heidelberg", "Baden-Württemberg", "69117", "DE"}, {"Darmstadt", "Hessen", "64283", "DE"}, {"Regensburg", "Bayern", "93047", "DE"},
	{"Würzburg", "Bayern", "97070", "DE"}, {"Göttingen", "Niedersachsen", "37073", "DE"}, {"Ingolstadt", "Bayern", "85049", "DE"},
	{"Ulm", "Baden-Württemberg", "89073", "DE"}, {"Wolfsburg", "Niedersachsen", "38440", "DE"}, {"Jena", "Thüringen", "07743", "DE"},
	{"Wien", "Wien", "1010", "AT"}, {"Graz", "Steiermark", "8010", "AT"}, {"Linz", "Oberösterreich", "4020", "AT"},
	{"Salzburg", "Salzburg", "5020", "AT"}, {"Zürich", "Zürich", "8001", "CH"}, {"Basel", "Basel-Stadt", "4051", "CH"},
	{"Bern", "Bern", "3011", "CH"},
}

// seniorities lead every generated title, so that no title is a prefix or
// suffix of another.
var seniorities = []struct{ de, en string }{
	{"Junior", "Junior"}, {"Senior", "Senior"}, {"Lead", "Lead"}, {"Principal", "Principal"},
	{"Staff", "Staff"}, {"Trainee", "Graduate"}, {"Werkstudent", "Working Student"}, {"Interim", "Interim"},
}

var employers = []string{
	"Isarwerk Mobility", "Elbstrom Energie", "Nordlicht Versicherung", "Rheinblick Handel", "Alpenglück Reisen",
	"Spreeport Logistik", "Mainhafen Bank", "Havelkraft Medien", "Weserland Foods", "Donaublau Software",
	"Moselgrün Weine", "Taunus Health", "Harzwerk Maschinenbau", "Ostsee Digital", "Schwarzwald Analytics",
	"Lahnwerk Systems", "Nekartal Mode", "Bodensee Robotics", "Ruhrpott Commerce", "Eifel Cloud",
}

var (
	openers = []string{
		"Im Alltag", "In diesem Team", "Bei unserem Kunden", "Seit einigen Jahren", "Gerade in wachsenden Unternehmen",
		"Typischerweise", "In der ausgeschriebenen Position", "Zu Beginn", "Im zweiten Schritt", "Langfristig",
		"Vor allem im ersten Jahr", "Mehrmals pro Woche", "Nach der Einarbeitung", "Im Wechsel mit anderen Aufgaben",
	}
	subjects = []string{
		"die Abteilung", "das Team", "der Fachbereich", "die Geschäftsführung", "das Projektteam", "die Kundschaft",
		"der Auftraggeber", "die Produktentwicklung", "die neue Kollegin", "der neue Kollege", "die Teamleitung",
	}
	verbs = []string{
		"plant", "verantwortet", "begleitet", "verbessert", "steuert", "dokumentiert", "überprüft", "entwickelt",
		"priorisiert", "gestaltet", "analysiert", "betreut", "vereinfacht", "erklärt", "automatisiert", "bewertet",
	}
	objects = []string{
		"die Schnittstellen zu Partnern", "den laufenden Betrieb", "neue Funktionen", "die Datenqualität",
		"komplexe Anforderungen", "die Abläufe im Vertrieb", "wiederkehrende Prozesse", "die Zusammenarbeit mit Dienstleistern",
		"das Budget für das kommende Jahr", "die Einführung neuer Werkzeuge", "messbare Ziele", "die Kommunikation mit Kunden",
		"die Qualität der Ergebnisse", "die Übergabe an den Betrieb", "den Wissenstransfer im Team", "die Kennzahlen des Quartals",
		"die Prioritäten der nächsten Wochen", "größere Umbauten", "die Einarbeitung neuer Mitarbeitender", "die Dokumentation",
	}
	adverbials = []string{
		"mit viel Eigenverantwortung", "in enger Abstimmung mit dem Management", "über mehrere Standorte hinweg",
		"mit klaren Prioritäten", "auf Basis belastbarer Zahlen", "im engen Austausch mit den Fachabteilungen",
		"ohne unnötige Bürokratie", "nachvollziehbar und transparent", "mit einem Blick für Details",
		"in kurzen Iterationen", "gemeinsam mit externen Partnern", "für mehrere Märkte gleichzeitig",
	}
	mentionLeads = []string{
		"Eng ist die Zusammenarbeit mit dem %s.",
		"Auch der %s bringt regelmäßig Erfahrung ein.",
		"Viele Wege führen später zur Rolle als %s.",
		"Bei größeren Vorhaben sitzt der %s mit am Tisch.",
		"Fragen zur Umsetzung klärt man oft direkt mit dem %s.",
		"Wer hier wächst, übernimmt später Aufgaben eines %s.",
		"Ein typischer Ansprechpartner ist der %s aus dem Nachbarteam.",
		"Ähnliche Anforderungen kennt man vom %s.",
	}
	headings = []string{
		"Was macht ein %s?", "Aufgaben im Überblick", "Mit wem arbeitet ein %s zusammen?", "Was Kandidatinnen und Kandidaten mitbringen",
		"Wie man einsteigt", "Wer einstellt", "Was das Gehalt bestimmt", "Entwicklungsmöglichkeiten", "Arbeitsumfeld und Kultur",
	}
)
