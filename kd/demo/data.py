"""Fictional but realistic demo material (names, places, fields, story templates), in English and Albanian."""

FIRST_NAMES = ["Arbër", "Blerta", "Dardan", "Drita", "Besnik", "Elira", "Fatos", "Genta", "Hana", "Ilir",
               "Jeta", "Kushtrim", "Liridona", "Mentor", "Nora", "Orges", "Përparim", "Qëndresa", "Rinor",
               "Shqipe", "Teuta", "Uran", "Valbona", "Xhevdet", "Yllka", "Zana", "Ardit", "Egzon"]
SURNAMES = ["Berisha", "Krasniqi", "Gashi", "Hoxha", "Morina", "Shala", "Kelmendi", "Rexhepi", "Bytyçi",
            "Hyseni", "Zeqiri", "Hasani", "Dervishi", "Lushaku", "Maloku", "Sylaj", "Çitaku", "Dobruna"]

RESIDENCES = [("DE", "Berlin"), ("DE", "München"), ("DE", "Stuttgart"), ("CH", "Zürich"), ("CH", "Genève"),
              ("CH", "Basel"), ("US", "New York"), ("US", "Chicago"), ("SE", "Stockholm"), ("SE", "Malmö"),
              ("AT", "Wien"), ("GB", "London"), ("FR", "Paris"), ("IT", "Milano"), ("BE", "Bruxelles"),
              ("CA", "Toronto"), ("NO", "Oslo"), ("NL", "Amsterdam"), ("FI", "Helsinki"), ("XK", "Prishtinë")]

MUNICIPALITY_CODES = ["prishtina", "gjakova", "peja", "prizren", "ferizaj", "gjilan", "mitrovica-south",
                      "podujeva", "vushtrri", "suhareka", "rahovec", "drenas", "decan", "kacanik", "istog"]

# field -> (English headline, Albanian headline, English role noun, Albanian role noun)
FIELD_TEXT = {
    "medicine": ("Cardiologist and researcher", "Kardiologe dhe studiuese", "doctor", "mjeke"),
    "technology": ("Software engineer and founder", "Inxhiniere softueri dhe themeluese", "engineer",
                   "inxhiniere"),
    "science": ("Physicist working on quantum materials", "Fizikane që punon me materiale kuantike",
                "scientist", "shkencëtare"),
    "arts": ("Painter and curator", "Piktore dhe kuratore", "artist", "artiste"),
    "music": ("Violinist and composer", "Violiniste dhe kompozitore", "musician", "muzikante"),
    "sport": ("Judoka and coach", "Xhudiste dhe trajnere", "athlete", "sportiste"),
    "business": ("Entrepreneur in food production", "Sipërmarrëse në prodhimin e ushqimit", "entrepreneur",
                 "sipërmarrëse"),
    "education": ("Teacher of Albanian in the diaspora", "Mësuese e gjuhës shqipe në diasporë", "teacher",
                  "mësuese"),
    "film": ("Film director", "Regjisore filmi", "director", "regjisore"),
    "literature": ("Poet and translator", "Poete dhe përkthyese", "writer", "shkrimtare"),
    "engineering": ("Civil engineer building bridges", "Inxhiniere ndërtimi që ndërton ura", "engineer",
                    "inxhiniere"),
    "community": ("Organiser of the diaspora association", "Organizatore e shoqatës së diasporës",
                  "organiser", "organizatore"),
}

GROUPS = [
    ("group", "Ansambli Rugova", "music", "Folk ensemble keeping Rugova dances alive",
     "Ansambël folklorik që ruan vallet e Rugovës"),
    ("group", "Diaspora Coders", "technology", "Volunteers teaching programming to young people in Kosovo",
     "Vullnetarë që u mësojnë programim të rinjve në Kosovë"),
    ("group", "Klubi i Shahut Dardania", "sport", "Chess club for children of the diaspora",
     "Klub shahu për fëmijët e diasporës"),
    ("organisation", "Shoqata Kosova e Re", "community", "Association supporting newcomers from Kosovo",
     "Shoqatë që mbështet të ardhurit nga Kosova"),
    ("organisation", "Fondacioni Çelësi", "education", "Foundation awarding scholarships to students",
     "Fondacion që u jep bursa studentëve"),
    ("organisation", "Mjekët pa Kufij të Diasporës", "medicine", "Doctors volunteering in Kosovo's hospitals",
     "Mjekë që punojnë vullnetarisht në spitalet e Kosovës"),
]

TAGS = ["Diasporë", "Shkencë", "Mjekësi", "Inovacion", "Sport", "Muzikë", "Arsim", "Startup", "Çmim",
        "Women in tech", "Kulturë", "Vullnetarizëm"]

# (English title, Albanian title) templates; {name} and {city} are filled in.
STORY_TITLES = [
    ("{name} wins a national award in {city}", "{name} fiton një çmim kombëtar në {city}"),
    ("{name} opens a new chapter in {city}", "{name} hap një kapitull të ri në {city}"),
    ("From Kosovo to {city}: how {name} built a career", "Nga Kosova në {city}: si e ndërtoi {name} karrierën"),
    ("{name} leads a breakthrough project", "{name} udhëheq një projekt të rëndësishëm"),
    ("{name} gives back to young people in Kosovo", "{name} u jep diçka të rinjve në Kosovë"),
]

BODY_EN = (
    "Born in {municipality}, {name} moved to {city} as a child. Years of hard work followed: language "
    "classes in the evenings, studies, and the first job as a {role}.\n\n"
    "This year the work was recognised. **{name}** received the award in front of colleagues and family, "
    "and dedicated it to everyone who left Kosovo and kept a piece of it alive abroad.\n\n"
    "> \"Every step I take here, I take for the children back home as well.\"\n\n"
    "Next, {name} plans to share what they learned with students in Kosovo, through lectures and "
    "[mentoring programmes](https://example.org/mentoring)."
)
BODY_SQ = (
    "E lindur në {municipality}, {name} u shpërngul në {city} si fëmijë. Pasuan vite pune të palodhur: "
    "kurse gjuhe në mbrëmje, studime dhe puna e parë si {role}.\n\n"
    "Këtë vit puna u vlerësua. **{name}** e mori çmimin para kolegëve dhe familjes, dhe ia kushtoi të "
    "gjithë atyre që u larguan nga Kosova dhe e mbajtën gjallë një copë të saj jashtë vendit.\n\n"
    "> \"Çdo hap që hedh këtu, e hedh edhe për fëmijët në atdhe.\"\n\n"
    "Më tej, {name} planifikon t'ua përcjellë studentëve në Kosovë atë që ka mësuar, përmes ligjëratave "
    "dhe [programeve të mentorimit](https://example.org/mentoring)."
)
