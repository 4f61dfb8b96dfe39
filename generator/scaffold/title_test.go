package scaffold

import "testing"

func TestTitleFromSlug(t *testing.T) {
	tests := []struct{ slug, want string }{
		// English words: spaces.
		{"data-engineer", "Data Engineer"},
		{"key-account-manager", "Key Account Manager"},
		{"salesforce-commerce-cloud-engineer", "Salesforce Commerce Cloud Engineer"},
		{"head-of-sales", "Head of Sales"},
		{"webdesigner", "Webdesigner"},
		// German job nouns: one compound, every hyphen kept.
		{"backend-entwickler", "Backend-Entwickler"},
		{"backend-entwicklerin", "Backend-Entwicklerin"},
		{"full-stack-entwickler", "Full-Stack-Entwickler"},
		{"software-architekt", "Software-Architekt"},
		{"softwareentwickler", "Softwareentwickler"},
		{"it-berater", "IT-Berater"},
		{"it-einkaeufer", "IT-Einkäufer"},
		{"it-einkaeuferin", "IT-Einkäuferin"},
		{"vertriebs-leiter", "Vertriebs-Leiter"},
		{"leiter-vertrieb", "Leiter Vertrieb"},
		{"industrie-kaufmann", "Industrie-Kaufmann"},
		{"it-expertin", "IT-Expertin"},
		// Umlauts only in the known nouns.
		{"michael-manager", "Michael Manager"},
		// Abbreviations in capitals, joined to the next word.
		{"seo-manager", "SEO-Manager"},
		{"ux-designer", "UX-Designer"},
		{"php-engineer", "PHP-Engineer"},
		{"it-security-officer", "IT-Security Officer"},
		{"sap-berater", "SAP-Berater"},
		{"b2b-sales-manager", "B2B-Sales Manager"},
		// A single letter is joined to the next word.
		{"e-commerce-marketplace-manager", "E-Commerce Marketplace Manager"},
		{"e-commerce-projektmanager", "E-Commerce Projektmanager"},
		// Own spellings, digits, small words.
		{"devops-engineer", "DevOps Engineer"},
		{"ios-entwickler", "iOS-Entwickler"},
		{"manager-marketing-und-vertrieb", "Manager Marketing und Vertrieb"},
		{"und", "Und"},
		{"3d-artist", "3D Artist"},
		{"x", "X"},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			if got := TitleFromSlug(tt.slug); got != tt.want {
				t.Errorf("TitleFromSlug(%q) = %q, want %q", tt.slug, got, tt.want)
			}
		})
	}
}
