//! A synthetic corpus for benchmarks: articles in the style of the VNA pages (a main story,
//! "Voir plus" teasers, photo captions, credits), composed from the gazetteer's countries,
//! sectors and cities and from invented organisations and people, so that extraction does the
//! work it does on real text (rules, not only list lookups). Deterministic for a seed.
//!
//! Next to the articles, `expected.jsonl` lists for each file the entities the generator put
//! in it, so a benchmark can check that speed did not come at the cost of output.

use crate::extract::{Class, Gazetteer};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// splitmix64: small, fast, and the same numbers on every machine for a seed (the crash test
/// uses it too, so a failing round replays from its seed).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Partner countries as the articles write them: name with its article, and demonym.
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("le Japon", "Japon", "japonais"),
    (
        "la République de Corée",
        "République de Corée",
        "sud-coréen",
    ),
    ("la France", "France", "français"),
    ("l'Australie", "Australie", "australien"),
    ("l'Inde", "Inde", "indien"),
    ("la Russie", "Russie", "russe"),
    ("Singapour", "Singapour", "singapourien"),
    ("les États-Unis", "États-Unis", "américain"),
    ("l'Allemagne", "Allemagne", "allemand"),
    ("le Canada", "Canada", "canadien"),
    ("la Finlande", "Finlande", "finlandais"),
    ("le Chili", "Chili", "chilien"),
    ("la Nouvelle-Zélande", "Nouvelle-Zélande", "néo-zélandais"),
    ("les Pays-Bas", "Pays-Bas", "néerlandais"),
    ("la Suède", "Suède", "suédois"),
];
const VN_FAMILY: &[&str] = &[
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong",
];
const VN_MIDDLE: &[&str] = &["Van", "Thi", "Minh", "Duc", "Thanh", "Quoc", "Hong", "Ngoc"];
const VN_GIVEN: &[&str] = &[
    "Hung", "Lan", "Tuan", "Hai", "Binh", "Khoa", "Linh", "Son", "Trang", "Phuc", "Dung", "Quang",
];
const FOREIGN_GIVEN: &[&str] = &[
    "Anna", "Pablo", "Hiroshi", "Claire", "Lukas", "Priya", "Olga", "Mateo", "Yuna", "Erik",
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "va", "len", "mi", "tor", "sa", "bel", "dri", "no", "ve", "lu", "zan", "qui",
    "ter", "mar", "fel", "sol", "nor", "ix",
];
const FIELDS: &[&str] = &[
    "physique appliquée",
    "mécanique avancée",
    "biotechnologie marine",
    "chimie verte",
    "science des matériaux",
    "informatique quantique",
    "génie climatique",
];
const ROLES: &[&str] = &[
    "directeur général",
    "président",
    "vice-président",
    "directeur",
    "représentant",
];
const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[derive(Serialize)]
struct Expected<'a> {
    file: &'a str,
    entities: Vec<ExpectedEntity>,
}

#[derive(Serialize, Clone)]
pub struct ExpectedEntity {
    pub name: String,
    pub class: &'static str,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// "de génomique", "d'informatique en nuage": French elision.
fn de(s: &str) -> String {
    if s.starts_with(['a', 'e', 'i', 'o', 'u', 'é', 'è', 'â', 'î', 'ô', 'h']) {
        format!("d'{s}")
    } else {
        format!("de {s}")
    }
}

fn invented_word(r: &mut Rng) -> String {
    let n = 2 + r.below(2);
    cap(&(0..n).map(|_| *r.pick(SYLLABLES)).collect::<String>())
}

struct Names {
    sectors: Vec<String>,
    cities: Vec<String>,
}

/// One generated article and what it names.
pub struct Generated {
    pub text: String,
    pub entities: Vec<ExpectedEntity>,
}

fn article(r: &mut Rng, n: &Names, i: usize) -> Generated {
    let mut ents: Vec<ExpectedEntity> = Vec::new();
    let mut e = |name: &str, class: &'static str| {
        ents.push(ExpectedEntity {
            name: name.to_string(),
            class,
        })
    };
    let (country_art, country, demonym) = *r.pick(COUNTRIES);
    let city = r.pick(&n.cities).clone();
    let (s1, s2, s3) = (
        r.pick(&n.sectors).clone(),
        r.pick(&n.sectors).clone(),
        r.pick(&n.sectors).clone(),
    );
    let place = invented_word(r);
    let uni = format!("Université de {place}");
    let institute = format!("Institut de {} de {city}", r.pick(FIELDS));
    let company = format!("{} Corporation", invented_word(r));
    let acronym: String = (0..4 + r.below(3))
        .map(|_| (b'A' + r.below(26) as u8) as char)
        .collect();
    let vn_person = format!(
        "{} {} {}",
        r.pick(VN_FAMILY),
        r.pick(VN_MIDDLE),
        r.pick(VN_GIVEN)
    );
    let vn_person2 = format!(
        "{} {} {}",
        r.pick(VN_FAMILY),
        r.pick(VN_MIDDLE),
        r.pick(VN_GIVEN)
    );
    let foreign = format!("{} {}", r.pick(FOREIGN_GIVEN), invented_word(r));
    let role = *r.pick(ROLES);
    let day = 1 + r.below(28);
    let month = *r.pick(MONTHS);
    e(country, "Country");
    e("Vietnam", "Country");
    e(&city, "Locality");
    e(&uni, "ResearchOrganization");
    e(&institute, "ResearchOrganization");
    e(&company, "Company");
    e(&vn_person, "Person");
    e(&vn_person2, "Person");
    e(&foreign, "Person");
    for s in [&s1, &s2, &s3] {
        e(s, "Sector");
    }
    let title = format!(
        "Le Vietnam et {country_art} renforcent leur coopération dans le domaine {}",
        de(&s1)
    );
    let mut t = String::new();
    t.push_str(&format!(
        "{title}\nsource: https://example.org/vnkg-gen/{i}\ndate: 2025-{:02}-{day:02}\n\n{title}\n\n",
        1 + MONTHS.iter().position(|m| *m == month).unwrap_or(0)
    ));
    t.push_str(&format!(
        "{city} (VNA) - Le vice-ministre des Sciences et des Technologies {vn_person} a reçu le \
         {day} {month} à {city} une délégation de l'{uni} conduite par M. {foreign}, {role} de \
         l'{uni}.\n\n"
    ));
    let body: Vec<String> = vec![
        format!(
            "Lors de la séance de travail, les deux parties ont convenu de renforcer la \
             coopération dans les domaines {} et {}.",
            de(&s1),
            de(&s2)
        ),
        format!(
            "L'{uni} et l'{institute} ont signé un mémorandum de coopération sur la recherche en \
             {s3}."
        ),
        format!(
            "Selon M. {vn_person2}, directeur de l'{institute}, ce partenariat ouvrira de \
             nouvelles perspectives pour la coopération entre le Vietnam et {country_art}."
        ),
        format!(
            "{company}, le géant {demonym} {}, s'est associé à l'{institute} pour lancer le \
             programme {acronym}, consacré à la recherche en {s3}.",
            de(&s2)
        ),
        format!(
            "Le programme {acronym} formera chaque année plus de {} ingénieurs vietnamiens.",
            100 + r.below(900)
        ),
        format!(
            "{city} ambitionne de devenir un pôle régional dans les domaines {} et {} d'ici {}.",
            de(&s1),
            de(&s3),
            2030 + r.below(16)
        ),
    ];
    e(&acronym, "Programme");
    let keep = 4 + r.below(3);
    for (k, s) in body.iter().enumerate().take(keep) {
        t.push_str(s);
        t.push_str(if k % 2 == 1 { "\n\n" } else { " " });
    }
    t.push_str("\n\nPhoto : VNA\nSource : VNA\n\n");
    // teasers of other stories, as the pages carry them
    for _ in 0..1 + r.below(3) {
        let (ca, _, _) = *r.pick(COUNTRIES);
        let sec = r.pick(&n.sectors);
        t.push_str(&format!(
            "Voir plus\nLe Vietnam et {ca} discutent de la coopération en matière {}\n\
             Les deux pays ont échangé sur les moyens de promouvoir leurs relations dans le \
             domaine {}.\n\n",
            de(sec),
            de(sec)
        ));
    }
    t.push_str("Comment (0)\n");
    Generated {
        text: t,
        entities: ents,
    }
}

/// Writes `n` articles and `expected.jsonl` to `out`.
pub fn generate(gaz: &Gazetteer, n: usize, seed: u64, out: &Path) -> crate::Result<u64> {
    let io = |source: std::io::Error| crate::Error::WriteFile {
        path: out.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(out).map_err(io)?;
    let names = Names {
        sectors: gaz
            .entities
            .iter()
            .filter(|e| e.class == Class::Sector && e.label.chars().count() > 3)
            .map(|e| e.label.clone())
            .collect(),
        cities: gaz
            .entities
            .iter()
            .filter(|e| e.class == Class::Locality)
            .map(|e| e.label.clone())
            .collect(),
    };
    let mut r = Rng(seed);
    let mut expected =
        std::io::BufWriter::new(std::fs::File::create(out.join("expected.jsonl")).map_err(io)?);
    let mut bytes = 0u64;
    for i in 0..n {
        let g = article(&mut r, &names, i);
        let file = format!("gen_{i:07}.txt");
        std::fs::write(out.join(&file), &g.text).map_err(io)?;
        bytes += g.text.len() as u64;
        let line = serde_json::to_string(&Expected {
            file: &file,
            entities: g.entities,
        })
        .unwrap_or_default();
        writeln!(expected, "{line}").map_err(io)?;
    }
    expected.flush().map_err(io)?;
    Ok(bytes)
}
