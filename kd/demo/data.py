"""Fictional demo material in English and Albanian: names, places, fields and pools of sentence parts.

Every person and organisation here is invented; texts are composed from the pools in kd.demo.services."""

# (first name, gender): Albanian adjectives and role nouns agree with it.
FIRST_NAMES = [("Arbër", "m"), ("Blerta", "f"), ("Dardan", "m"), ("Drita", "f"), ("Besnik", "m"), ("Elira", "f"),
               ("Fatos", "m"), ("Genta", "f"), ("Hana", "f"), ("Ilir", "m"), ("Jeta", "f"), ("Kushtrim", "m"),
               ("Liridona", "f"), ("Mentor", "m"), ("Nora", "f"), ("Orges", "m"), ("Përparim", "m"),
               ("Qëndresa", "f"), ("Rinor", "m"), ("Shqipe", "f"), ("Teuta", "f"), ("Uran", "m"),
               ("Valbona", "f"), ("Xhevdet", "m"), ("Yllka", "f"), ("Zana", "f"), ("Ardit", "m"), ("Egzon", "m"),
               ("Albulena", "f"), ("Lum", "m"), ("Vlora", "f"), ("Gëzim", "m"), ("Edona", "f"), ("Florent", "m")]
SURNAMES = ["Berisha", "Krasniqi", "Gashi", "Hoxha", "Morina", "Shala", "Kelmendi", "Rexhepi", "Bytyçi",
            "Hyseni", "Zeqiri", "Hasani", "Dervishi", "Lushaku", "Maloku", "Sylaj", "Çitaku", "Dobruna", "Thaçaj",
            "Mehmeti", "Avdiu", "Kryeziu", "Ramadani", "Limani"]

# (country code, city as stored, city in English text, city in Albanian text)
RESIDENCES = [("DE", "Berlin", "Berlin", "Berlin"), ("DE", "München", "Munich", "Mynih"),
              ("DE", "Stuttgart", "Stuttgart", "Shtutgart"), ("CH", "Zürich", "Zurich", "Cyrih"),
              ("CH", "Genève", "Geneva", "Gjenevë"), ("CH", "Basel", "Basel", "Bazel"),
              ("US", "New York", "New York", "Nju Jork"), ("US", "Chicago", "Chicago", "Çikago"),
              ("SE", "Stockholm", "Stockholm", "Stokholm"), ("SE", "Malmö", "Malmö", "Malmö"),
              ("AT", "Wien", "Vienna", "Vjenë"), ("AT", "Graz", "Graz", "Graz"),
              ("GB", "London", "London", "Londër"), ("GB", "Manchester", "Manchester", "Mançester"),
              ("FR", "Paris", "Paris", "Paris"), ("FR", "Lyon", "Lyon", "Lion"),
              ("IT", "Milano", "Milan", "Milano"), ("BE", "Bruxelles", "Brussels", "Bruksel"),
              ("NO", "Oslo", "Oslo", "Oslo"), ("CA", "Toronto", "Toronto", "Toronto"),
              ("XK", "Prishtinë", "Prishtina", "Prishtinë"), ("XK", "Prizren", "Prizren", "Prizren")]

MUNICIPALITY_CODES = ["prishtina", "prizren", "peja", "gjakova", "mitrovica-south", "ferizaj", "gjilan",
                      "vushtrri", "podujeva", "rahovec", "suhareka", "malisheva", "decan", "istog", "klina",
                      "skenderaj", "lipjan", "kamenica", "dragash", "vitia"]

# field -> headline (en, sq masculine, sq feminine), role (en, sq m, sq f), tag, achievements.
# An achievement: (title en, title sq, sentence en, sentence sq); {name} {city} {year} are filled in.
FIELDS = {
    "medicine": dict(
        headlines=[("Cardiologist and researcher", "Kardiolog dhe studiues", "Kardiologe dhe studiuese"),
                   ("Paediatric surgeon", "Kirurg pediatër", "Kirurge pediatre")],
        role=("doctor", "mjek", "mjeke"), tag="Mjekësi",
        achievements=[
            ("{name} receives a research prize for heart medicine", "{name} merr çmim kërkimor për mjekësinë e zemrës",
             "The hospital in {city} honoured {name} for a study on early detection of heart failure.",
             "Spitali në {city} e nderoi {name} për një studim mbi zbulimin e hershëm të pamjaftueshmërisë së zemrës."),
            ("{name} brings a new surgical method to {city}", "{name} sjell një metodë të re kirurgjikale në {city}",
             "In {year}, {name} led the first operations in {city} with a gentler technique for children.",
             "Më {year}, {name} udhëhoqi operacionet e para në {city} me një teknikë më të butë për fëmijët."),
            ("{name} trains young doctors in Kosovo", "{name} trajnon mjekë të rinj në Kosovë",
             "Every summer, {name} spends two weeks at the University Clinical Centre, training residents.",
             "Çdo verë, {name} kalon dy javë në Qendrën Klinike Universitare duke trajnuar specializantë."),
        ]),
    "technology": dict(
        headlines=[("Software engineer and founder", "Inxhinier softueri dhe themelues",
                    "Inxhiniere softueri dhe themeluese"),
                   ("Data scientist", "Shkencëtar i të dhënave", "Shkencëtare e të dhënave")],
        role=("engineer", "inxhinier", "inxhiniere"), tag="Teknologji",
        achievements=[
            ("{name}'s start-up raises its first investment", "Startup-i që themeloi {name} merr investimin e parë",
             "The company {name} founded in {city} raised its first round of investment in {year}.",
             "Kompania që {name} themeloi në {city} mori raundin e parë të investimeve më {year}."),
            ("{name} builds an app for learning Albanian", "{name} ndërton një aplikacion për mësimin e shqipes",
             "Thousands of children in the diaspora now practise Albanian with the app {name} built.",
             "Mijëra fëmijë në diasporë tani ushtrojnë shqipen me aplikacionin që ndërtoi {name}."),
            ("{name} wins a hackathon in {city}", "{name} fiton një hakaton në {city}",
             "A team led by {name} won the {city} city hackathon with a tool for public transport.",
             "Një ekip i udhëhequr nga {name} fitoi hakatonin e qytetit {city} me një mjet për transportin publik."),
        ]),
    "science": dict(
        headlines=[("Physicist working on quantum materials", "Fizikan që punon me materiale kuantike",
                    "Fizikane që punon me materiale kuantike"),
                   ("Climate researcher", "Studiues i klimës", "Studiuese e klimës")],
        role=("scientist", "shkencëtar", "shkencëtare"), tag="Shkencë",
        achievements=[
            ("{name} publishes a study on climate in the Balkans", "{name} boton një studim për klimën në Ballkan",
             "The study by {name} shows how droughts in the Dukagjin plain have changed since 1980.",
             "Në studimin e ri, {name} tregon si kanë ndryshuar thatësirat në Rrafshin e Dukagjinit që nga viti 1980."),
            ("{name} receives a European research grant", "{name} merr një grant evropian kërkimor",
             "The five-year grant lets {name} build a laboratory team in {city}.",
             "Granti pesëvjeçar i mundëson {name} të ngrejë një ekip laboratori në {city}."),
            ("{name} discovers a new property of a superconductor",
             "{name} zbulon një veti të re të një superpërçuesi",
             "An experiment {name} designed in {city} measured an effect that had only been predicted.",
             "Një eksperiment që {name} e projektoi në {city} mati një efekt që ishte vetëm i parashikuar."),
        ]),
    "arts": dict(
        headlines=[("Painter and curator", "Piktor dhe kurator", "Piktore dhe kuratore"),
                   ("Sculptor", "Skulptor", "Skulptore")],
        role=("artist", "artist", "artiste"), tag="Art",
        achievements=[
            ("{name} opens a solo exhibition in {city}", "{name} hap një ekspozitë personale në {city}",
             "Forty works by {name}, many inspired by the stone towers of western Kosovo, hang in a gallery in {city}.",
             "Dyzet vepra nga {name}, shumë të frymëzuara nga kullat e gurit të Kosovës perëndimore, janë ekspozuar "
             "në një galeri në {city}."),
            ("{name} paints a mural for a school", "{name} pikturon një mural për një shkollë",
             "Pupils helped {name} paint a thirty-metre mural about migration and home.",
             "Nxënësit e ndihmuan {name} të pikturonte një mural tridhjetë metra për mërgimin dhe shtëpinë."),
        ]),
    "music": dict(
        headlines=[("Violinist and composer", "Violinist dhe kompozitor", "Violiniste dhe kompozitore"),
                   ("Jazz pianist", "Pianist xhazi", "Pianiste xhazi")],
        role=("musician", "muzikant", "muzikante"), tag="Muzikë",
        achievements=[
            ("{name} premieres a symphony inspired by Kosovo", "{name} jep premierën e një simfonie të frymëzuar nga Kosova",
             "The orchestra of {city} played the new work by {name}, built on old çifteli melodies.",
             "Orkestra e qytetit {city} luajti një vepër të re nga {name}, të ndërtuar mbi melodi të vjetra çiftelie."),
            ("{name} releases an album of Albanian songs", "{name} nxjerr një album me këngë shqipe",
             "The album by {name} mixes jazz with songs the grandparents sang in {municipality}.",
             "Në albumin e ri, {name} përzien xhazin me këngët që gjyshërit i këndonin në {municipality}."),
            ("{name} wins an international music competition", "{name} fiton një konkurs ndërkombëtar muzike",
             "Out of 200 candidates, the jury in {city} gave {name} the first prize.",
             "Nga 200 kandidatë, juria në {city} i dha {name} çmimin e parë."),
        ]),
    "sport": dict(
        headlines=[("Judoka and coach", "Xhudist dhe trajner", "Xhudiste dhe trajnere"),
                   ("Professional footballer", "Futbollist profesionist", "Futbolliste profesioniste")],
        role=("athlete", "sportist", "sportiste"), tag="Sport",
        achievements=[
            ("{name} wins a European judo medal", "{name} fiton një medalje evropiane në xhudo",
             "In {year}, {name} won bronze at the European Championships, fighting for Kosovo.",
             "Më {year}, {name} fitoi bronzin në Kampionatin Evropian, duke luftuar për Kosovën."),
            ("{name} opens a sports school for children", "{name} hap një shkollë sportive për fëmijë",
             "The club {name} opened in {city} now trains more than eighty children every week.",
             "Klubi që {name} hapi në {city} tani stërvit më shumë se tetëdhjetë fëmijë çdo javë."),
            ("{name} wins the supporters' award of the season", "{name} fiton çmimin e tifozëve për sezonin",
             "Supporters in {city} gave {name} their award for the best performance of the season.",
             "Tifozët në {city} i dhanë {name} çmimin e tyre për paraqitjen më të mirë të sezonit."),
        ]),
    "business": dict(
        headlines=[("Entrepreneur in food production", "Sipërmarrës në prodhimin e ushqimit",
                    "Sipërmarrëse në prodhimin e ushqimit"),
                   ("Founder of a logistics company", "Themelues i një kompanie logjistike",
                    "Themeluese e një kompanie logjistike")],
        role=("entrepreneur", "sipërmarrës", "sipërmarrëse"), tag="Biznes",
        achievements=[
            ("{name} brings ajvar from Kosovo to supermarkets in {city}",
             "{name} e sjell ajvarin nga Kosova në supermarketet në {city}",
             "The jars {name} fills with peppers from farms near {municipality} are now sold in 300 shops.",
             "Kavanozët që {name} i mbush me speca nga fermat në {municipality} tani shiten në 300 dyqane."),
            ("{name} opens an office in Prishtina with forty jobs", "{name} hap një zyrë në Prishtinë me dyzet vende pune",
             "In {year}, the company of {name} opened an office in Prishtina and hired forty young people.",
             "Më {year}, kompania që drejton {name} hapi një zyrë në Prishtinë dhe punësoi dyzet të rinj."),
        ]),
    "education": dict(
        headlines=[("Teacher of Albanian in the diaspora", "Mësues i gjuhës shqipe në diasporë",
                    "Mësuese e gjuhës shqipe në diasporë"),
                   ("University lecturer in history", "Ligjërues universitar i historisë",
                    "Ligjëruese universitare e historisë")],
        role=("teacher", "mësues", "mësuese"), tag="Arsim",
        achievements=[
            ("{name} is honoured for teaching in {city}", "{name} nderohet për mësimdhënien në {city}",
             "Parents and pupils nominated {name} for fifteen years of Saturday classes in Albanian.",
             "Prindërit dhe nxënësit e nominuan {name} për pesëmbëdhjetë vjet mësim të shqipes të shtunave."),
            ("{name} writes a textbook for diaspora schools", "{name} shkruan një tekst mësimor për shkollat e diasporës",
             "The textbook by {name} is now used in Albanian classes in six countries.",
             "Teksti që shkroi {name} tani përdoret në orët e shqipes në gjashtë shtete."),
        ]),
    "film": dict(
        headlines=[("Film director", "Regjisor filmi", "Regjisore filmi"),
                   ("Documentary maker", "Autor dokumentarësh", "Autore dokumentarësh")],
        role=("director", "regjisor", "regjisore"), tag="Film",
        achievements=[
            ("{name}'s short film wins a festival award", "Një film i shkurtër nga {name} fiton çmim në festival",
             "The film follows a family from {municipality} on the night before emigrating.",
             "Filmi ndjek një familje nga {municipality} natën para se të mërgojë."),
            ("{name} shoots a documentary on returning home", "{name} xhiron një dokumentar për kthimin në atdhe",
             "For two years, {name} filmed five families who moved back to Kosovo from {city}.",
             "Për dy vjet, {name} filmoi pesë familje që u kthyen në Kosovë nga {city}."),
        ]),
    "literature": dict(
        headlines=[("Poet and translator", "Poet dhe përkthyes", "Poete dhe përkthyese"),
                   ("Novelist", "Romancier", "Romanciere")],
        role=("writer", "shkrimtar", "shkrimtare"), tag="Letërsi",
        achievements=[
            ("{name} publishes a novel about two homes", "{name} boton një roman për dy shtëpi",
             "The novel by {name} tells of a girl growing up between {municipality} and {city}.",
             "Në romanin e ri, {name} tregon për një vajzë që rritet mes dy qyteteve, {municipality} dhe {city}."),
            ("{name} translates Albanian poetry for new readers", "{name} përkthen poezi shqipe për lexues të rinj",
             "The anthology {name} translated brings forty Albanian poets to readers abroad for the first time.",
             "Antologjia që përktheu {name} u sjell për herë të parë dyzet poetë shqiptarë lexuesve të huaj."),
        ]),
    "engineering": dict(
        headlines=[("Civil engineer building bridges", "Inxhinier ndërtimi që ndërton ura",
                    "Inxhiniere ndërtimi që ndërton ura"),
                   ("Energy engineer", "Inxhinier energjetike", "Inxhiniere energjetike")],
        role=("engineer", "inxhinier", "inxhiniere"), tag="Inxhinieri",
        achievements=[
            ("{name} designs a new bridge in {city}", "{name} projekton një urë të re në {city}",
             "The bridge {name} designed carries trams and cyclists across the river since {year}.",
             "Ura që projektoi {name} mban tramvajet dhe çiklistët mbi lumë që nga viti {year}."),
            ("{name} builds a solar park in Kosovo", "{name} ndërton një park diellor në Kosovë",
             "The solar park near {municipality} that {name} planned supplies power to four thousand homes.",
             "Parku diellor në {municipality} që planifikoi {name} furnizon me energji katër mijë shtëpi."),
        ]),
    "community": dict(
        headlines=[("Organiser of the diaspora association", "Organizator i shoqatës së diasporës",
                    "Organizatore e shoqatës së diasporës"),
                   ("Youth worker", "Punonjës me të rinjtë", "Punonjëse me të rinjtë")],
        role=("organiser", "organizator", "organizatore"), tag="Komunitet",
        achievements=[
            ("{name} organises a festival of Kosovo culture in {city}",
             "{name} organizon një festival të kulturës së Kosovës në {city}",
             "More than three thousand visitors came to the festival {name} organised in {city}.",
             "Më shumë se tre mijë vizitorë erdhën në festivalin që {name} organizoi në {city}."),
            ("{name} collects books for village schools", "{name} mbledh libra për shkollat e fshatrave",
             "The campaign led by {name} sent eight thousand books to schools around {municipality}.",
             "Fushata e udhëhequr nga {name} dërgoi tetë mijë libra në shkollat në {municipality}."),
        ]),
}

# (kind, name, field, headline en, headline sq)
GROUPS = [
    ("group", "Ansambli Rugova", "music", "Folk ensemble keeping Rugova dances alive",
     "Ansambël folklorik që ruan vallet e Rugovës"),
    ("group", "Diaspora Coders", "technology", "Volunteers teaching programming to young people in Kosovo",
     "Vullnetarë që u mësojnë programim të rinjve në Kosovë"),
    ("group", "Klubi i Shahut Dardania", "sport", "Chess club for children of the diaspora",
     "Klub shahu për fëmijët e diasporës"),
    ("group", "Kori Shqiponjat", "music", "Choir singing Albanian polyphony", "Kor që këndon polifoni shqiptare"),
    ("group", "Teatri i Mërgimtarëve", "arts", "Amateur theatre playing in Albanian",
     "Teatër amator që luan në shqip"),
    ("group", "Vrapuesit e Diasporës", "sport", "Running club that runs for charity in Kosovo",
     "Klub vrapimi që vrapon për bamirësi në Kosovë"),
    ("group", "Rrjeti i Studentëve Kosovarë", "education", "Network of students from Kosovo abroad",
     "Rrjet i studentëve nga Kosova jashtë vendit"),
    ("organisation", "Shoqata Kosova e Re", "community", "Association supporting newcomers from Kosovo",
     "Shoqatë që mbështet të ardhurit nga Kosova"),
    ("organisation", "Fondacioni Çelësi", "education", "Foundation awarding scholarships to students",
     "Fondacion që u jep bursa studentëve"),
    ("organisation", "Mjekët pa Kufij të Diasporës", "medicine", "Doctors volunteering in Kosovo's hospitals",
     "Mjekë që punojnë vullnetarisht në spitalet e Kosovës"),
    ("organisation", "Dardania Tech Hub", "technology", "Hub connecting diaspora engineers with Kosovo start-ups",
     "Qendër që lidh inxhinierët e diasporës me startup-et e Kosovës"),
    ("organisation", "Shtëpia e Librit Shqip", "literature", "Library and publisher of Albanian books abroad",
     "Bibliotekë dhe botues i librave shqip jashtë vendit"),
    ("organisation", "Oda Kosovare", "community", "Cultural centre with language classes and events",
     "Qendër kulturore me kurse gjuhe dhe aktivitete"),
    ("organisation", "Ura Business Network", "business", "Network of diaspora entrepreneurs investing in Kosovo",
     "Rrjet i sipërmarrësve të diasporës që investojnë në Kosovë"),
]

# What a group or organisation did; {name} {city} {year} {municipality} filled in.
GROUP_ACHIEVEMENTS = [
    ("{name} celebrates ten years in {city}", "{name} feston dhjetë vjet në {city}",
     "Founded in {city} in {year_founded}, {name} marked its tenth anniversary with an evening for members and "
     "friends.",
     "E themeluar në {city} më {year_founded}, {name} shënoi dhjetëvjetorin me një mbrëmje për anëtarët dhe "
     "miqtë."),
    ("{name} raises funds for a clinic in {municipality}", "{name} mbledh fonde për një ambulancë në {municipality}",
     "Members of {name} raised enough to equip a health clinic in {municipality}.",
     "Anëtarët dhe miqtë mblodhën mjaftueshëm për të pajisur një ambulancë në {municipality}."),
    ("{name} hosts a summer school for young people", "{name} organizon një shkollë verore për të rinjtë",
     "Sixty young people from the diaspora spent two weeks in Kosovo with {name}.",
     "Gjashtëdhjetë të rinj nga diaspora kaluan dy javë në Kosovë me {name}."),
    ("{name} performs at a festival in {city}", "{name} del në skenë në një festival në {city}",
     "The programme of {name} was one of the most applauded at this year's festival in {city}.",
     "Programi që solli {name} ishte nga më të duartrokiturit në festivalin e sivjetshëm në {city}."),
    ("{name} opens a new centre in {city}", "{name} hap një qendër të re në {city}",
     "The new rooms of {name} in {city} host classes, meetings and a small library.",
     "Hapësirat e reja në {city} presin kurse, takime dhe një bibliotekë të vogël."),
]

PERSON_ORIGINS = [
    ("{name} was born in {municipality} and moved to {city} in {year_moved}.",
     "{name} u lind në {municipality} dhe u vendos në {city} më {year_moved}."),
    ("{name} grew up in {municipality} and has lived in {city} since {year_moved}.",
     "{name} u rrit në {municipality} dhe jeton në {city} që nga viti {year_moved}."),
    ("Born in {city} to parents from {municipality}, {name} visits Kosovo every summer.",
     "{name} u lind në {city} nga prindër nga {municipality} dhe e viziton Kosovën çdo verë."),
    ("{name} left {municipality} as a student and settled in {city} after graduating.",
     "{name} u largua nga {municipality} si student dhe u vendos në {city} pas diplomimit."),
]
GROUP_ORIGINS = [
    ("{name} was founded in {city} in {year_founded} by families from {municipality} and nearby towns.",
     "{name} u themelua në {city} më {year_founded} nga familje nga {municipality} dhe qytetet përreth."),
    ("Since {year_founded}, {name} has brought together people from Kosovo living in and around {city}.",
     "Që nga viti {year_founded}, {name} bashkon njerëz nga Kosova që jetojnë në {city} dhe përreth."),
    ("{name} started in {year_founded} as a small circle of friends in {city}; today it has hundreds of members.",
     "{name} nisi më {year_founded} si një rreth i vogël miqsh në {city}; sot ka qindra anëtarë."),
]
PATHS = [
    ("The first years were hard: language classes in the evenings and work as {role_a} during the day.",
     "Vitet e para ishin të vështira: kurse gjuhe në mbrëmje dhe punë gjatë ditës."),
    ("Colleagues say {name} always finds time for newcomers.",
     "Kolegët thonë se {name} gjen gjithmonë kohë për të ardhurit e rinj."),
    ("Working as {role_a} in {city} opened doors that had seemed closed for a long time.",
     "Puna si {role_sq} në {city} hapi dyer që për një kohë të gjatë dukeshin të mbyllura."),
    ("Scholarships, long nights and the support of family made the difference.",
     "Bursat, netët e gjata dhe mbështetja e familjes bënë diferencën."),
    ("The work is done by volunteers, most of them in their spare time after work or school.",
     "Puna bëhet nga vullnetarë, shumica në kohën e lirë pas punës ose shkollës."),
]
QUOTES = [
    ("Every step I take here, I take for the children back home as well.",
     "Çdo hap që hedh këtu, e hedh edhe për fëmijët në atdhe."),
    ("Kosovo is small, but its people are everywhere.", "Kosova është e vogël, por njerëzit e saj janë kudo."),
    ("I want young people in Kosovo to know that they can do this too.",
     "Dua që të rinjtë në Kosovë ta dinë se edhe ata mund ta bëjnë këtë."),
    ("We did not do this alone. A whole community stood behind us.",
     "Këtë nuk e bëmë vetëm. Pas nesh qëndroi një komunitet i tërë."),
    ("Home is not only a place; it is also the people you carry with you.",
     "Shtëpia nuk është vetëm një vend; janë edhe njerëzit që i mban me vete."),
    ("The best thanks is to pass it on.", "Falënderimi më i mirë është ta përcjellësh më tej."),
]
CLOSINGS = [
    ("Next, {name} plans to share this experience with students in Kosovo through "
     "[mentoring programmes](https://example.org/mentoring).",
     "Më tej, {name} planifikon ta ndajë këtë përvojë me studentët në Kosovë përmes "
     "[programeve të mentorimit](https://example.org/mentoring)."),
    ("A presentation in Prishtina is planned for next spring.", "Një prezantim në Prishtinë është planifikuar për pranverën e ardhshme."),
    ("The next goal is already set: to take the project to {municipality}.",
     "Synimi i radhës është vendosur tashmë: ta çojë projektin në {municipality}."),
    ("Anyone who wants to help can get in touch through the association in {city}.",
     "Kushdo që dëshiron të ndihmojë mund të lidhet përmes shoqatës në {city}."),
]

TAGS = ["Diasporë", "Inovacion", "Startup", "Çmim", "Women in tech", "Kulturë", "Vullnetarizëm", "Rinia",
        "Bamirësi", "Gjuha shqipe", "Kthimi në atdhe", "Mentorim"]
