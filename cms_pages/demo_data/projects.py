"""Demo project stories for the registry's demo projects, keyed by registry reference."""

# reference: (kind for the picture, (lat, lon), other certifications,
#             (title en, fr, es), (description en, fr, es), [(co-benefit code, text en, fr, es), ...])
PROJECTS = {
    "0008": (
        "waste",
        (-12.93, -38.45),
        "",
        (
            "Landfill gas in Salvador da Bahia",
            "Gaz de décharge à Salvador de Bahia",
            "Gas de vertedero en Salvador de Bahía",
        ),
        (
            "The project captures methane from the Salvador da Bahia landfill and burns it in flares and engines, turning a powerful greenhouse gas into electricity for the grid.",
            "Le projet capte le méthane de la décharge de Salvador de Bahia et le brûle en torchères et en moteurs, transformant un puissant gaz à effet de serre en électricité pour le réseau.",
            "El proyecto capta el metano del vertedero de Salvador de Bahía y lo quema en antorchas y motores, convirtiendo un potente gas de efecto invernadero en electricidad para la red.",
        ),
        [
            (
                "air",
                "Less odour and fewer landfill fires for nearby neighbourhoods.",
                "Moins d'odeurs et d'incendies de décharge pour les quartiers voisins.",
                "Menos olores e incendios del vertedero para los barrios cercanos.",
            ),
            (
                "jobs",
                "Permanent jobs for operators and technicians.",
                "Des emplois permanents d'opérateurs et de techniciens.",
                "Empleos permanentes para operarios y técnicos.",
            ),
        ],
    ),
    "1234": (
        "wind",
        (40.29, 97.04),
        "",
        ("Gansu Yumen wind farm", "Parc éolien de Yumen (Gansu)", "Parque eólico de Yumen (Gansu)"),
        (
            "Thirty-three turbines in the Gobi desert supply 49.5 MW of clean power to the northwest China grid, replacing electricity from coal-fired plants.",
            "Trente-trois éoliennes dans le désert de Gobi fournissent 49,5 MW d'électricité propre au réseau du nord-ouest de la Chine, en remplacement de centrales au charbon.",
            "Treinta y tres aerogeneradores en el desierto de Gobi suministran 49,5 MW de energía limpia a la red del noroeste de China, en sustitución de centrales de carbón.",
        ),
        [
            (
                "air",
                "Avoids the soot and sulphur dioxide of coal power.",
                "Évite la suie et le dioxyde de soufre des centrales au charbon.",
                "Evita el hollín y el dióxido de azufre de la energía del carbón.",
            ),
            (
                "technology",
                "Local crews trained to run modern wind turbines.",
                "Des équipes locales formées à l'exploitation d'éoliennes modernes.",
                "Equipos locales formados para operar aerogeneradores modernos.",
            ),
        ],
    ),
    "2456": (
        "solar",
        (23.73, 69.86),
        "Gold Standard",
        ("Kutch solar power plant", "Centrale solaire de Kutch", "Planta solar de Kutch"),
        (
            "A 50 MW photovoltaic plant in Gujarat feeds clean electricity into the Indian grid, in one of the sunniest regions of the country.",
            "Une centrale photovoltaïque de 50 MW au Gujarat injecte de l'électricité propre dans le réseau indien, dans l'une des régions les plus ensoleillées du pays.",
            "Una planta fotovoltaica de 50 MW en Guyarat aporta electricidad limpia a la red india, en una de las regiones más soleadas del país.",
        ),
        [
            (
                "energy",
                "More power for a fast-growing grid.",
                "Plus d'électricité pour un réseau en forte croissance.",
                "Más electricidad para una red en rápido crecimiento.",
            ),
            (
                "jobs",
                "Local jobs in construction and panel cleaning.",
                "Des emplois locaux dans la construction et le nettoyage des panneaux.",
                "Empleo local en la construcción y la limpieza de paneles.",
            ),
            (
                "water",
                "Dry cleaning methods save scarce water.",
                "Le nettoyage à sec économise une eau rare.",
                "La limpieza en seco ahorra un agua escasa.",
            ),
        ],
    ),
    "0377": (
        "farm",
        (20.66, -103.35),
        "",
        (
            "Methane capture at swine farms in Mexico",
            "Captage du méthane dans des élevages porcins au Mexique",
            "Captura de metano en granjas porcinas de México",
        ),
        (
            "Covered lagoons at pig farms in Sonora and Jalisco capture the methane from manure and burn it, instead of letting it escape into the air.",
            "Des lagunes couvertes dans des élevages porcins du Sonora et du Jalisco captent le méthane du lisier et le brûlent au lieu de le laisser s'échapper.",
            "Lagunas cubiertas en granjas porcinas de Sonora y Jalisco capturan el metano del estiércol y lo queman en lugar de dejarlo escapar.",
        ),
        [
            (
                "water",
                "Better treatment of farm wastewater.",
                "Un meilleur traitement des eaux usées agricoles.",
                "Mejor tratamiento de las aguas residuales agrícolas.",
            ),
            (
                "land",
                "Less pollution of soils around the farms.",
                "Moins de pollution des sols autour des élevages.",
                "Menos contaminación de los suelos alrededor de las granjas.",
            ),
        ],
    ),
    "4567": (
        "hydro",
        (15.45, 107.6),
        "",
        ("Song Bung 6 hydropower", "Centrale hydroélectrique de Song Bung 6", "Central hidroeléctrica de Song Bung 6"),
        (
            "A run-of-river hydropower plant in Quang Nam province supplies renewable electricity to Viet Nam's national grid.",
            "Une centrale hydroélectrique au fil de l'eau dans la province de Quang Nam fournit de l'électricité renouvelable au réseau national du Viet Nam.",
            "Una central hidroeléctrica de pasada en la provincia de Quang Nam suministra electricidad renovable a la red nacional de Viet Nam.",
        ),
        [
            (
                "energy",
                "Reliable power for the central region.",
                "Une électricité fiable pour la région centrale.",
                "Electricidad fiable para la región central.",
            ),
            (
                "growth",
                "New roads and services for nearby villages.",
                "De nouvelles routes et de nouveaux services pour les villages voisins.",
                "Nuevas carreteras y servicios para las aldeas cercanas.",
            ),
        ],
    ),
    "7890": (
        "cookstove",
        (0.28, 34.75),
        "Gold Standard",
        (
            "Efficient cookstoves in western Kenya",
            "Foyers améliorés dans l'ouest du Kenya",
            "Cocinas eficientes en el oeste de Kenia",
        ),
        (
            "Households in western Kenya cook with efficient stoves that burn half the firewood of an open fire, reducing emissions and smoke in the kitchen.",
            "Des ménages de l'ouest du Kenya cuisinent avec des foyers améliorés qui consomment moitié moins de bois qu'un feu ouvert, réduisant les émissions et la fumée dans la cuisine.",
            "Hogares del oeste de Kenia cocinan con cocinas eficientes que queman la mitad de leña que un fuego abierto, reduciendo las emisiones y el humo en la cocina.",
        ),
        [
            (
                "health-and-safety",
                "Less smoke in the kitchen and fewer burns.",
                "Moins de fumée dans la cuisine et moins de brûlures.",
                "Menos humo en la cocina y menos quemaduras.",
            ),
            (
                "natural-resources",
                "Less firewood taken from local forests.",
                "Moins de bois prélevé dans les forêts locales.",
                "Menos leña extraída de los bosques locales.",
            ),
            (
                "welfare",
                "Women spend less time collecting wood.",
                "Les femmes passent moins de temps à ramasser du bois.",
                "Las mujeres dedican menos tiempo a recoger leña.",
            ),
        ],
    ),
    "3012": (
        "biomass",
        (-33.23, -54.38),
        "",
        (
            "Rice husk power in Treinta y Tres",
            "Électricité à partir de balles de riz à Treinta y Tres",
            "Electricidad a partir de cáscara de arroz en Treinta y Tres",
        ),
        (
            "A cogeneration plant burns rice husks, a waste of the local rice mills, to produce electricity and steam instead of leaving the husks to rot.",
            "Une centrale de cogénération brûle des balles de riz, déchet des rizeries locales, pour produire électricité et vapeur au lieu de les laisser pourrir.",
            "Una planta de cogeneración quema cáscara de arroz, un residuo de los molinos locales, para producir electricidad y vapor en lugar de dejarla pudrirse.",
        ),
        [
            (
                "land",
                "No more husk dumps on farmland.",
                "Plus de dépôts de balles de riz sur les terres agricoles.",
                "Se acaban los vertidos de cáscara en tierras agrícolas.",
            ),
            (
                "balance-of-payments",
                "Less imported fuel for the country.",
                "Moins de combustible importé pour le pays.",
                "Menos combustible importado para el país.",
            ),
        ],
    ),
    "4120": (
        "hydro",
        (-28.23, 28.31),
        "",
        (
            "Bethlehem small hydro scheme",
            "Petite centrale hydroélectrique de Bethlehem",
            "Pequeña central hidroeléctrica de Bethlehem",
        ),
        (
            "Two small hydro stations on the Ash River in the Free State generate renewable electricity from water already transferred for irrigation.",
            "Deux petites centrales sur la rivière Ash, dans l'État libre, produisent de l'électricité renouvelable à partir d'eau déjà transférée pour l'irrigation.",
            "Dos pequeñas centrales en el río Ash, en el Estado Libre, generan electricidad renovable con agua ya trasvasada para el riego.",
        ),
        [
            (
                "energy",
                "Local power for a municipal grid.",
                "De l'électricité locale pour un réseau municipal.",
                "Electricidad local para una red municipal.",
            ),
            (
                "education",
                "School visits to learn about renewable energy.",
                "Des visites scolaires pour découvrir les énergies renouvelables.",
                "Visitas escolares para conocer las energías renovables.",
            ),
        ],
    ),
    "5050": (
        "waste",
        (14.97, 102.1),
        "",
        (
            "Biogas from cassava starch wastewater",
            "Biogaz issu des eaux usées d'amidon de manioc",
            "Biogás de aguas residuales de almidón de yuca",
        ),
        (
            "A starch factory in Nakhon Ratchasima treats its wastewater in a closed digester and uses the biogas in place of fuel oil.",
            "Une usine d'amidon de Nakhon Ratchasima traite ses eaux usées dans un digesteur fermé et utilise le biogaz à la place du fioul.",
            "Una fábrica de almidón de Nakhon Ratchasima trata sus aguas residuales en un digestor cerrado y usa el biogás en lugar de fuelóleo.",
        ),
        [
            (
                "water",
                "Cleaner water returned to the river.",
                "Une eau plus propre rendue à la rivière.",
                "Agua más limpia devuelta al río.",
            ),
            (
                "air",
                "No more odour from open lagoons.",
                "Plus d'odeurs de lagunes à ciel ouvert.",
                "Se acaban los olores de las lagunas abiertas.",
            ),
        ],
    ),
    "0672": (
        "transport",
        (4.65, -74.08),
        "",
        (
            "TransMilenio bus rapid transit, Bogotá",
            "Bus à haut niveau de service TransMilenio, Bogota",
            "Sistema de buses TransMilenio, Bogotá",
        ),
        (
            "Dedicated bus lanes and modern articulated buses carry millions of passengers a day across Bogotá, replacing older, polluting buses.",
            "Des voies réservées et des bus articulés modernes transportent des millions de passagers par jour à Bogota, en remplacement de vieux bus polluants.",
            "Carriles exclusivos y buses articulados modernos transportan millones de pasajeros al día en Bogotá, en sustitución de buses viejos y contaminantes.",
        ),
        [
            (
                "air",
                "Cleaner air along the city's main roads.",
                "Un air plus pur le long des grands axes de la ville.",
                "Aire más limpio en las grandes vías de la ciudad.",
            ),
            (
                "health-and-safety",
                "Fewer road accidents.",
                "Moins d'accidents de la route.",
                "Menos accidentes de tráfico.",
            ),
            (
                "welfare",
                "Shorter journeys for workers from outer districts.",
                "Des trajets plus courts pour les travailleurs des quartiers périphériques.",
                "Trayectos más cortos para los trabajadores de los barrios periféricos.",
            ),
        ],
    ),
    "0410": (
        "wind",
        (29.2, 32.6),
        "",
        ("Zafarana wind power plant", "Centrale éolienne de Zafarana", "Central eólica de Zafarana"),
        (
            "On the Gulf of Suez coast, where the wind blows strong and steady, 80 MW of turbines supply clean power to the Egyptian grid.",
            "Sur la côte du golfe de Suez, où le vent souffle fort et régulièrement, 80 MW d'éoliennes alimentent le réseau égyptien en électricité propre.",
            "En la costa del golfo de Suez, donde el viento sopla fuerte y constante, 80 MW de aerogeneradores suministran energía limpia a la red egipcia.",
        ),
        [
            (
                "technology",
                "Know-how for Egypt's growing wind industry.",
                "Un savoir-faire pour l'industrie éolienne égyptienne en plein essor.",
                "Conocimientos para la creciente industria eólica de Egipto.",
            ),
            (
                "balance-of-payments",
                "Less natural gas burned for power, more left for export.",
                "Moins de gaz naturel brûlé pour l'électricité, davantage disponible à l'exportation.",
                "Menos gas natural quemado para electricidad y más disponible para exportar.",
            ),
        ],
    ),
    "1100": (
        "kiln",
        (-13.52, -71.97),
        "",
        (
            "Efficient brick kilns in Peru",
            "Fours à briques efficaces au Pérou",
            "Hornos de ladrillo eficientes en Perú",
        ),
        (
            "Artisanal brick makers near Cusco switch to efficient kilns and cleaner fuels, producing the same bricks with far less fuel.",
            "Des briquetiers artisanaux près de Cusco passent à des fours efficaces et à des combustibles plus propres, produisant les mêmes briques avec bien moins de combustible.",
            "Ladrilleros artesanales cerca de Cusco adoptan hornos eficientes y combustibles más limpios, produciendo los mismos ladrillos con mucho menos combustible.",
        ),
        [
            (
                "health-and-safety",
                "Less smoke for kiln workers and their families.",
                "Moins de fumée pour les briquetiers et leurs familles.",
                "Menos humo para los ladrilleros y sus familias.",
            ),
            (
                "growth",
                "Lower fuel costs for small businesses.",
                "Des coûts de combustible réduits pour de petites entreprises.",
                "Menores costos de combustible para pequeñas empresas.",
            ),
        ],
    ),
    "A6.4-0012": (
        "cookstove",
        (7.95, -1.02),
        "",
        (
            "Clean cookstoves in rural Ghana",
            "Foyers propres dans les zones rurales du Ghana",
            "Cocinas limpias en zonas rurales de Ghana",
        ),
        (
            "Rural households in Ghana replace three-stone fires with clean cookstoves. The activity moved from the CDM to the Article 6.4 mechanism of the Paris Agreement.",
            "Des ménages ruraux du Ghana remplacent le feu à trois pierres par des foyers propres. L'activité est passée du MDP au mécanisme de l'article 6.4 de l'Accord de Paris.",
            "Hogares rurales de Ghana sustituyen el fogón de tres piedras por cocinas limpias. La actividad pasó del MDL al mecanismo del artículo 6.4 del Acuerdo de París.",
        ),
        [
            (
                "health-and-safety",
                "Cleaner air in homes.",
                "Un air plus sain dans les foyers.",
                "Aire más limpio en los hogares.",
            ),
            (
                "natural-resources",
                "Forests spared from wood collection.",
                "Des forêts épargnées par le ramassage du bois.",
                "Bosques preservados de la recogida de leña.",
            ),
        ],
    ),
}
