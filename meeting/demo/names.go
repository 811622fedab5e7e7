package demo

import (
	"math/rand/v2"
	"strings"
)

// A background is a naming tradition. Families and professionals are drawn
// from many, so that names with diacritics, apostrophes, hyphens, other
// scripts and family-name-first order all reach the screens, the PDF and the
// search.
type background struct {
	language       string // the family's first language, for interpreters; "" for English
	female, male   []string
	surnames       []string // in the form a man or boy would use
	femaleSurname  func(string) string
	familyFirst    bool // Vietnamese order: family name, middle name, given name
	middleF        []string
	middleM        []string
	familyWeight   int // share of the borough's families
	staffWeight    int // share of the professionals
	ownScriptNames bool
}

// A person is a name; who they are depends on where the name is used.
type person struct {
	given, middle, family string
	familyFirst           bool
}

func (p person) String() string {
	if p.familyFirst {
		return join(p.family, p.middle, p.given)
	}
	return join(p.given, p.middle, p.family)
}

func join(parts ...string) string {
	var b strings.Builder
	for _, s := range parts {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

var backgrounds = []*background{
	{ // English
		female: []string{"Olivia", "Amelia", "Isla", "Ava", "Emily", "Jessica", "Chloe", "Sophie", "Charlotte", "Lily",
			"Grace", "Ruby", "Poppy", "Ellie", "Megan", "Sarah", "Claire", "Rebecca", "Hannah", "Lucy", "Joanne",
			"Kelly", "Gemma", "Stacey", "Louise", "Helen", "Rachel", "Zoe"},
		male: []string{"Oliver", "Harry", "George", "Jack", "Noah", "Charlie", "Jacob", "Alfie", "Freddie", "Thomas",
			"James", "William", "Daniel", "Mark", "Paul", "Lee", "Craig", "Ryan", "Jamie", "Tyler", "Kai", "Liam",
			"Stephen", "Adam", "Ben"},
		surnames: []string{"Smith", "Jones", "Taylor", "Brown", "Wilson", "Johnson", "Robinson", "Wright", "Thompson",
			"Walker", "White", "Green", "Hall", "Wood", "Jackson", "Clarke", "Turner", "Cooper", "Hill", "Ward",
			"Moore", "Harris", "Baker", "Price", "Smith-Jones", "Clarke-Holland", "Ward-Thomas", "Fletcher", "Barnes"},
		familyWeight: 28, staffWeight: 40,
	},
	{ // Irish
		female:       []string{"Siobhán", "Aoife", "Niamh", "Saoirse", "Caoimhe", "Róisín", "Orla", "Bridget", "Mairéad", "Clodagh"},
		male:         []string{"Seán", "Ciarán", "Pádraig", "Declan", "Eoin", "Cian", "Niall", "Darragh", "Oisín", "Conor"},
		surnames:     []string{"O'Brien", "O'Connor", "O'Sullivan", "Murphy", "Kelly", "Byrne", "Ryan", "Walsh", "McCarthy", "Doherty", "Gallagher", "O'Neill", "Ó Súilleabháin"},
		familyWeight: 5, staffWeight: 7,
	},
	{ // Scottish
		female:       []string{"Morag", "Eilidh", "Kirsty", "Fiona", "Catriona", "Ailsa", "Mhairi", "Shona"},
		male:         []string{"Hamish", "Callum", "Ruaridh", "Angus", "Fraser", "Alasdair", "Euan", "Iain"},
		surnames:     []string{"MacDonald", "Campbell", "Stewart", "MacLeod", "Robertson", "Fraser", "McKenzie", "Sinclair", "MacGregor", "Munro"},
		familyWeight: 3, staffWeight: 5,
	},
	{ // Welsh
		female:       []string{"Cerys", "Seren", "Ffion", "Angharad", "Rhiannon", "Bethan", "Gwenllian", "Nia", "Carys"},
		male:         []string{"Rhys", "Dafydd", "Gareth", "Owain", "Iwan", "Gruffydd", "Emyr", "Llŷr", "Aled"},
		surnames:     []string{"Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan", "Griffiths", "Pritchard", "ap Gwilym"},
		familyWeight: 3, staffWeight: 5,
	},
	{ // Polish
		language: "Polish",
		female:   []string{"Żaneta", "Agnieszka", "Małgorzata", "Katarzyna", "Zofia", "Wiktoria", "Joanna", "Magdalena", "Ewa", "Bożena"},
		male:     []string{"Łukasz", "Paweł", "Krzysztof", "Michał", "Wojciech", "Tomasz", "Jakub", "Mateusz", "Grzegorz", "Przemysław"},
		surnames: []string{"Nowak", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
			"Dąbrowski", "Kozłowski", "Mazur", "Krawczyk", "Grabowski", "Wiśniewski", "Nowicki"},
		femaleSurname: polishFemale,
		familyWeight:  6, staffWeight: 4,
	},
	{ // Turkish
		language:     "Turkish",
		female:       []string{"Gülay", "Ayşe", "Fatma", "Elif", "Zeynep", "Şule", "Özlem", "Gülşen", "Derya", "Büşra", "Aylin", "Esra"},
		male:         []string{"Şükrü", "Mehmet", "Mustafa", "Ahmet", "Hüseyin", "Emre", "Burak", "Çağrı", "Oğuz", "Yusuf", "Kemal", "İbrahim"},
		surnames:     []string{"Çelik", "Yılmaz", "Kaya", "Demir", "Şahin", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Güneş"},
		familyWeight: 5, staffWeight: 3,
	},
	{ // Vietnamese
		language:     "Vietnamese",
		female:       []string{"Hương", "Lan", "Mai", "Linh", "Thảo", "Ngọc", "Trang", "Phương", "Hà"},
		male:         []string{"Minh", "Tuấn", "Hùng", "Dũng", "Quang", "Đức", "Long", "Khánh", "Nam"},
		surnames:     []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"},
		familyFirst:  true,
		middleF:      []string{"Thị", "Ngọc", "Thu"},
		middleM:      []string{"Văn", "Đức", "Minh", "Quốc"},
		familyWeight: 3, staffWeight: 1,
	},
	{ // Greek, transliterated
		female:        []string{"Maria", "Eleni", "Katerina", "Sofia", "Dimitra", "Georgia", "Anastasia", "Panayiota"},
		male:          []string{"Giorgos", "Nikos", "Kostas", "Dimitris", "Yiannis", "Andreas", "Christos", "Panicos"},
		surnames:      []string{"Papadopoulos", "Georgiou", "Christodoulou", "Nikolaou", "Konstantinou", "Ioannou", "Charalambous", "Kyriakides"},
		femaleSurname: greekLatinFemale,
		familyWeight:  2, staffWeight: 2,
	},
	{ // Greek, in the family's own script
		language:       "Greek",
		female:         []string{"Μαρία", "Ελένη", "Κατερίνα", "Σοφία", "Δήμητρα", "Γεωργία", "Αναστασία"},
		male:           []string{"Γιώργος", "Νίκος", "Κώστας", "Δημήτρης", "Γιάννης", "Ανδρέας", "Χρήστος"},
		surnames:       []string{"Παπαδόπουλος", "Γεωργίου", "Χριστοδούλου", "Νικολάου", "Κωνσταντίνου", "Ιωάννου", "Χαραλάμπους", "Παπαδάκης"},
		femaleSurname:  greekFemale,
		familyWeight:   1,
		ownScriptNames: true,
	},
	{ // Nigerian
		female: []string{"Chiamaka", "Ngozi", "Adaeze", "Folake", "Funmilayo", "Oluwaseun", "Temitope", "Blessing",
			"Precious", "Chioma", "Yetunde", "Ifeoma"},
		male: []string{"Chukwuemeka", "Oluwaseun", "Babatunde", "Adebayo", "Emeka", "Obinna", "Tunde", "Olumide",
			"Ikenna", "Femi", "Chinedu"},
		surnames: []string{"Okafor", "Adeyemi", "Okonkwo", "Balogun", "Nwosu", "Eze", "Ogunleye", "Olaniyan", "Ibekwe",
			"Adeyemi-Cole", "Oyenuga", "Akinola"},
		familyWeight: 7, staffWeight: 7,
	},
	{ // Ghanaian
		female:       []string{"Ama", "Akosua", "Abena", "Efua", "Adwoa", "Yaa", "Afia", "Esi"},
		male:         []string{"Kwame", "Kofi", "Kwabena", "Kwaku", "Yaw", "Kojo", "Kwesi", "Nana"},
		surnames:     []string{"Mensah", "Owusu", "Boateng", "Asante", "Osei", "Agyeman", "Appiah", "Owusu-Ansah", "Ofori-Atta", "Darko", "Amankwah", "Quaye"},
		familyWeight: 5, staffWeight: 4,
	},
	{ // Somali
		language:     "Somali",
		female:       []string{"Ayaan", "Hodan", "Fadumo", "Hawa", "Sahra", "Nimco", "Ubah", "Maryan", "Ikran", "Hibo"},
		male:         []string{"Abdirahman", "Mohamed", "Abdullahi", "Ahmed", "Hassan", "Yusuf", "Mahad", "Liban", "Guled", "Abdi"},
		surnames:     []string{"Hassan", "Mohamed", "Abdi", "Ali", "Warsame", "Farah", "Jama", "Osman", "Hersi", "Aden", "Ismail", "Nur"},
		familyWeight: 5, staffWeight: 2,
	},
	{ // Pakistani
		language:     "Urdu",
		female:       []string{"Ayesha", "Fatima", "Maryam", "Zainab", "Sana", "Hira", "Amina", "Iqra", "Nadia", "Saima", "Rabia"},
		male:         []string{"Muhammad", "Bilal", "Usman", "Hamza", "Imran", "Asif", "Tariq", "Zeeshan", "Faisal", "Adnan", "Ali"},
		surnames:     []string{"Khan", "Ahmed", "Hussain", "Iqbal", "Malik", "Butt", "Chaudhry", "Rashid", "Akhtar", "Mahmood", "Qureshi", "Shah"},
		familyWeight: 6, staffWeight: 5,
	},
	{ // Bangladeshi
		language:      "Bengali",
		female:        []string{"Fahmida", "Nusrat", "Shirin", "Rumana", "Taslima", "Sumaiya", "Halima", "Jannat", "Tahmina", "Rokeya"},
		male:          []string{"Abdul", "Shahid", "Rafiq", "Jamal", "Mizanur", "Shamim", "Habibur", "Anwar", "Rahim", "Tanvir"},
		surnames:      []string{"Miah", "Uddin", "Rahman", "Islam", "Ali", "Hoque", "Chowdhury", "Ahmed", "Hossain", "Sarkar", "Karim"},
		femaleSurname: bangladeshiFemale,
		familyWeight:  6, staffWeight: 4,
	},
	{ // Indian
		female: []string{"Priya", "Anjali", "Kavita", "Sunita", "Deepa", "Harpreet", "Simran", "Pooja", "Neha", "Meera",
			"Gurpreet", "Lakshmi"},
		male: []string{"Rajesh", "Arjun", "Sanjay", "Vikram", "Amit", "Harjit", "Gurdeep", "Rohan", "Anil", "Karan",
			"Suresh", "Manpreet"},
		surnames: []string{"Patel", "Sharma", "Singh", "Gupta", "Shah", "Mistry", "Desai", "Joshi", "Nair", "Reddy",
			"Pillai", "Bhatt", "Sandhu", "Gill", "D'Souza", "Fernandes"},
		femaleSurname: indianFemale,
		familyWeight:  5, staffWeight: 6,
	},
	{ // Caribbean
		female: []string{"Shanice", "Tanisha", "Marcia", "Jasmine", "Keisha", "Monique", "Aaliyah", "Simone",
			"Chantelle", "Beverley"},
		male: []string{"Marcus", "Tyrone", "Jermaine", "Devon", "Andre", "Leon", "Winston", "Delroy", "Kieran",
			"Jaden", "Shaquille"},
		surnames: []string{"Campbell", "Brown", "Williams", "Francis", "Grant", "Morgan", "Reid", "Bailey",
			"Edwards", "Henry", "Forbes", "St Louis", "Baptiste", "Francis-Reid"},
		familyWeight: 6, staffWeight: 6,
	},
	{ // Romanian
		language:     "Romanian",
		female:       []string{"Ioana", "Andreea", "Elena", "Mihaela", "Cristina", "Alexandra", "Ramona", "Bianca", "Larisa", "Denisa"},
		male:         []string{"Ștefan", "Andrei", "Mihai", "Ionuț", "Florin", "Alexandru", "Cătălin", "Răzvan", "Bogdan", "Costel"},
		surnames:     []string{"Popescu", "Ionescu", "Popa", "Constantin", "Stan", "Dumitrescu", "Stoica", "Gheorghe", "Lungu", "Rădulescu", "Țurcanu", "Mureșan"},
		familyWeight: 5, staffWeight: 2,
	},
	{ // Portuguese
		language:     "Portuguese",
		female:       []string{"Inês", "Beatriz", "Mariana", "Joana", "Leonor", "Matilde", "Conceição", "Ana", "Sofia", "Patrícia"},
		male:         []string{"João", "Gonçalo", "Tiago", "Diogo", "Rodrigo", "Duarte", "Luís", "Martim", "Tomás", "António"},
		surnames:     []string{"Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Gonçalves", "Sousa", "Magalhães", "Araújo", "da Silva"},
		familyWeight: 4, staffWeight: 3,
	},
}

func polishFemale(s string) string {
	if rest, ok := strings.CutSuffix(s, "ski"); ok {
		return rest + "ska"
	}
	if rest, ok := strings.CutSuffix(s, "cki"); ok {
		return rest + "cka"
	}
	return s
}

func greekLatinFemale(s string) string {
	if rest, ok := strings.CutSuffix(s, "os"); ok {
		return rest + "ou"
	}
	return s
}

func greekFemale(s string) string {
	switch s {
	case "Παπαδόπουλος":
		return "Παπαδοπούλου"
	case "Παπαδάκης":
		return "Παπαδάκη"
	}
	return s
}

func bangladeshiFemale(s string) string {
	if s == "Miah" || s == "Uddin" {
		return "Begum"
	}
	return s
}

func indianFemale(s string) string {
	if s == "Singh" {
		return "Kaur"
	}
	return s
}

func (b *background) surnameFor(s string, female bool) string {
	if female && b.femaleSurname != nil {
		return b.femaleSurname(s)
	}
	return s
}

// person returns someone of this background with the family's surname
// (in its male form), or a new surname when family is "".
func (b *background) person(r *rand.Rand, female bool, family string) person {
	if family == "" {
		family = pick(r, b.surnames)
	}
	p := person{family: b.surnameFor(family, female), familyFirst: b.familyFirst}
	if female {
		p.given = pick(r, b.female)
		if len(b.middleF) > 0 {
			p.middle = pick(r, b.middleF)
		}
	} else {
		p.given = pick(r, b.male)
		if len(b.middleM) > 0 {
			p.middle = pick(r, b.middleM)
		}
	}
	if p.middle == p.given {
		p.middle = ""
	}
	return p
}

func familyBackground(r *rand.Rand) *background {
	return pickWeighted(r, backgrounds, func(b *background) int { return b.familyWeight })
}

// staffName is a professional's name; professionals type their own names in
// Latin script.
func staffName(r *rand.Rand) string {
	b := pickWeighted(r, backgrounds, func(b *background) int { return b.staffWeight })
	return b.person(r, r.IntN(10) < 7, "").String() // most of the workforce are women
}
