package orggen

import (
	"fmt"
	"math/rand"
	"strings"
)

// culture is a set of given names and surnames that go together.
type culture struct {
	first, last []string
}

// cultures are the name lists people are drawn from. Surnames are those a
// person of any gender carries in that language.
var cultures = []culture{
	{ // Nigeria
		[]string{"Ada", "Chinedu", "Ngozi", "Emeka", "Funmilayo", "Tunde", "Chiamaka", "Obinna", "Yetunde", "Ifeoma"},
		[]string{"Okafor", "Adeyemi", "Nwosu", "Okonkwo", "Balogun", "Eze", "Adebayo", "Obi", "Ogunleye", "Nnamdi"},
	},
	{ // Japan
		[]string{"Haruto", "Yui", "Sota", "Aoi", "Ren", "Mei", "Takumi", "Hana", "Kenji", "Sakura"},
		[]string{"Tanaka", "Sato", "Suzuki", "Nakamura", "Kobayashi", "Watanabe", "Yamamoto", "Ito", "Fujita", "Mori"},
	},
	{ // Korea
		[]string{"Jun", "Minji", "Seo-yeon", "Ji-ho", "Hyun-woo", "Soo-ah", "Dong-hyun", "Eun-ji"},
		[]string{"Kim", "Park", "Lee", "Choi", "Jung", "Kang", "Yoon", "Han"},
	},
	{ // China
		[]string{"Wei", "Jing", "Hao", "Xiu", "Yang", "Mei Ling", "Zhen", "Lei", "Ying", "Bo"},
		[]string{"Wang", "Zhang", "Chen", "Liu", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Lin"},
	},
	{ // India
		[]string{"Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Sneha", "Aditya", "Meera", "Rahul"},
		[]string{"Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Rao", "Krishnan", "Desai"},
	},
	{ // Arabic
		[]string{"Omar", "Layla", "Youssef", "Fatima", "Karim", "Nour", "Hassan", "Amira", "Tariq", "Salma"},
		[]string{"Haddad", "Mansour", "Khalil", "Nasser", "Al-Farsi", "Saleh", "Aziz", "Hamdan"},
	},
	{ // Turkey
		[]string{"Emre", "Elif", "Mehmet", "Zeynep", "Can", "Ayşe", "Burak", "Deniz"},
		[]string{"Yılmaz", "Demir", "Şahin", "Çelik", "Kaya", "Aydın", "Öztürk", "Arslan"},
	},
	{ // Poland
		[]string{"Kasia", "Piotr", "Agnieszka", "Tomasz", "Magda", "Marek", "Zofia", "Jakub"},
		[]string{"Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Dudek", "Sikora", "Baran"},
	},
	{ // Germany and the Netherlands
		[]string{"Lena", "Jonas", "Anke", "Lukas", "Fenna", "Maarten", "Sanne", "Felix", "Jana", "Tobias"},
		[]string{"Müller", "Schmidt", "Becker", "van Dijk", "de Vries", "Bakker", "Hoffmann", "Jansen", "Visser", "Wagner"},
	},
	{ // Spain and Latin America
		[]string{"Sofía", "Mateo", "Lucía", "Diego", "Valentina", "Javier", "Camila", "Andrés", "Isabel", "Tomás"},
		[]string{"García", "Rodríguez", "Hernández", "López", "Martínez", "Flores", "Ramírez", "Torres", "Castillo", "Morales"},
	},
	{ // Portugal and Brazil
		[]string{"João", "Beatriz", "Thiago", "Larissa", "Rafael", "Mariana", "Gustavo", "Fernanda"},
		[]string{"Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "da Silva", "Carvalho"},
	},
	{ // Italy and France
		[]string{"Giulia", "Marco", "Chiara", "Luca", "Camille", "Théo", "Chloé", "Julien", "Élodie", "Matteo"},
		[]string{"Rossi", "Bianchi", "Ricci", "Romano", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Conti"},
	},
	{ // Ireland, Britain, North America
		[]string{"Siobhan", "Liam", "Aoife", "Connor", "Emma", "James", "Olivia", "Ethan", "Grace", "Noah"},
		[]string{"O'Brien", "Murphy", "Walsh", "Kelly", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke"},
	},
	{ // Nordic countries
		[]string{"Astrid", "Erik", "Ingrid", "Lars", "Freya", "Nils", "Sigrid", "Magnus"},
		[]string{"Andersson", "Johansson", "Lindqvist", "Nilsson", "Berg", "Hansen", "Larsen", "Eriksen"},
	},
	{ // Vietnam
		[]string{"Linh", "Minh", "Thao", "Quang", "Huong", "Duc", "Trang", "Bao"},
		[]string{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"},
	},
	{ // Iran
		[]string{"Dariush", "Shirin", "Arash", "Leila", "Kaveh", "Parisa", "Babak", "Roya"},
		[]string{"Hosseini", "Karimi", "Rahimi", "Moradi", "Jafari", "Tehrani", "Sadeghi", "Ahmadi"},
	},
	{ // Ukraine
		[]string{"Olena", "Dmytro", "Iryna", "Andriy", "Natalia", "Oleksandr", "Taras", "Oksana"},
		[]string{"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Lysenko"},
	},
	{ // Greece and Cyprus
		[]string{"Eleni", "Nikos", "Dimitra", "Yannis", "Katerina", "Giorgos"},
		[]string{"Georgiou", "Alexiou", "Nikolaou", "Christodoulou", "Ioannou", "Antoniou"},
	},
	{ // Kenya and Ghana
		[]string{"Wanjiru", "Kamau", "Achieng", "Otieno", "Kwame", "Ama", "Kofi", "Abena", "Njeri", "Baraka"},
		[]string{"Mwangi", "Odhiambo", "Kiprono", "Wanjala", "Mensah", "Owusu", "Asante", "Boateng"},
	},
	{ // Philippines
		[]string{"Maria", "Jose", "Angelica", "Paolo", "Kristine", "Miguel"},
		[]string{"Reyes", "Cruz", "Bautista", "Dela Cruz", "Villanueva", "Mendoza", "Aquino", "Ramos"},
	},
}

// folder turns the accented letters of the name lists into ASCII.
var folder = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "É", "E",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "Ö", "O",
	"ú", "u", "ù", "u", "û", "u", "ü", "u", "Ü", "U",
	"ñ", "n", "ç", "c", "Ç", "C", "ş", "s", "Ş", "S", "ğ", "g", "ł", "l", "ś", "s",
)

// ascii folds s to lower-case ASCII letters, digits and hyphens; other
// characters (spaces, apostrophes) are dropped.
func ascii(s string) string {
	s = strings.ToLower(folder.Replace(s))
	var b strings.Builder
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// identity is one synthetic person's names and handles.
type identity struct {
	name, email, login, slack string
}

// namer draws people whose email, login and Slack ID are all unique.
type namer struct {
	r     *rand.Rand
	taken map[string]bool // emails, logins and Slack IDs handed out
}

func newNamer(r *rand.Rand) *namer {
	return &namer{r: r, taken: map[string]bool{}}
}

// next draws a new person.
func (n *namer) next() identity {
	for {
		c := cultures[n.r.Intn(len(cultures))]
		first := c.first[n.r.Intn(len(c.first))]
		last := c.last[n.r.Intn(len(c.last))]
		email := ascii(first) + "." + ascii(last) + "@example.com"
		if n.taken[email] {
			continue
		}
		n.taken[email] = true
		return identity{
			name:  first + " " + last,
			email: email,
			login: n.login(first, last),
			slack: n.slack(),
		}
	}
}

// login makes a GitHub login such as "aokafor": the first letter of the given
// name and the surname, lengthened or numbered until it is free.
func (n *namer) login(first, last string) string {
	f := strings.ReplaceAll(ascii(first), "-", "")
	l := strings.ReplaceAll(ascii(last), "-", "")
	for i := 1; i <= len(f); i++ {
		if s := f[:i] + l; !n.taken[s] {
			n.taken[s] = true
			return s
		}
	}
	for i := 2; ; i++ {
		if s := fmt.Sprintf("%s%s%d", f[:1], l, i); !n.taken[s] {
			n.taken[s] = true
			return s
		}
	}
}

// slack makes a Slack member ID: "U0" and seven upper-case letters or digits.
func (n *namer) slack() string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for {
		b := []byte("U0")
		for range 7 {
			b = append(b, alnum[n.r.Intn(len(alnum))])
		}
		if s := string(b); !n.taken[s] {
			n.taken[s] = true
			return s
		}
	}
}
