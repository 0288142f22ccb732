"""Demo pages of the campaign site (English source; translations registered through t() and p())."""

from .text import p, t

CO_BENEFIT_TRANSLATIONS = {
    # code: (fr name, fr description, es name, es description)
    "air": ("Air", "Meilleure qualité de l'air", "Aire", "Mejor calidad del aire"),
    "land": (
        "Sols",
        "Meilleure qualité des sols ou pollution évitée",
        "Suelo",
        "Mejor calidad del suelo o contaminación evitada",
    ),
    "water": (
        "Eau",
        "Meilleure qualité de l'eau ou meilleur accès à l'eau",
        "Agua",
        "Mejor calidad del agua o mejor acceso al agua",
    ),
    "natural-resources": (
        "Ressources naturelles",
        "Protection ou valorisation des ressources naturelles épuisables",
        "Recursos naturales",
        "Protección o mejora de los recursos naturales agotables",
    ),
    "education": (
        "Éducation",
        "Éducation, recherche, sensibilisation ou diffusion d'informations",
        "Educación",
        "Educación, investigación, sensibilización o difusión de información",
    ),
    "health-and-safety": (
        "Santé et sécurité",
        "Meilleures santé et sécurité",
        "Salud y seguridad",
        "Mejor salud y seguridad",
    ),
    "jobs": ("Emplois", "Création d'emplois ou de revenus", "Empleo", "Generación de empleo o de ingresos"),
    "welfare": (
        "Bien-être",
        "Meilleur bien-être social (développement des communautés)",
        "Bienestar",
        "Mejor bienestar social (desarrollo de las comunidades)",
    ),
    "energy": (
        "Énergie",
        "Meilleure disponibilité ou accès à l'énergie",
        "Energía",
        "Mejor disponibilidad o acceso a la energía",
    ),
    "growth": (
        "Croissance",
        "Soutien au développement ou à la stabilité économique",
        "Crecimiento",
        "Apoyo al desarrollo o la estabilidad económica",
    ),
    "balance-of-payments": (
        "Balance des paiements",
        "Amélioration de la balance commerciale du pays",
        "Balanza de pagos",
        "Mejora de la balanza comercial del país",
    ),
    "technology": (
        "Technologie",
        "Transfert ou diffusion de technologies",
        "Tecnología",
        "Transferencia o difusión de tecnología",
    ),
}

PURCHASE_REASON_TRANSLATIONS = {
    "Offsetting my personal footprint": ("Compenser mon empreinte personnelle", "Compensar mi huella personal"),
    "Offsetting my organization's emissions": (
        "Compenser les émissions de mon organisation",
        "Compensar las emisiones de mi organización",
    ),
    "Offsetting an event": ("Compenser un événement", "Compensar un evento"),
    "Offsetting travel": ("Compenser des voyages", "Compensar viajes"),
    "Gift": ("Cadeau", "Regalo"),
}

DESNZ_FR = "DESNZ/DEFRA (Royaume-Uni), facteurs de conversion pour la déclaration des gaz à effet de serre 2024"
DESNZ_ES = "DESNZ/DEFRA (Reino Unido), factores de conversión para el informe de gases de efecto invernadero 2024"
DIET_FR = (
    "Scarborough et al., Émissions de gaz à effet de serre de l'alimentation des mangeurs de viande, "
    "de poisson, des végétariens et des végétaliens au Royaume-Uni, Climatic Change 125 (2014)"
)
DIET_ES = (
    "Scarborough et al., Emisiones de gases de efecto invernadero de la dieta de consumidores de carne, "
    "de pescado, vegetarianos y veganos en el Reino Unido, Climatic Change 125 (2014)"
)
IPCC_FR = "GIEC AR6 GTIII, chapitre 5 : Demande, services et aspects sociaux de l'atténuation (2022)"
IPCC_ES = "IPCC AR6 GTIII, capítulo 5: Demanda, servicios y aspectos sociales de la mitigación (2022)"

# Emission factor code: ((French label, unit, source), (Spanish label, unit, source)); values and URLs are shared.
EMISSION_FACTOR_TRANSLATIONS = {
    "electricity": (
        ("Électricité (moyenne du réseau britannique)", "kWh", DESNZ_FR),
        ("Electricidad (media de la red británica)", "kWh", DESNZ_ES),
    ),
    "natural-gas": (("Gaz naturel", "kWh", DESNZ_FR), ("Gas natural", "kWh", DESNZ_ES)),
    "heating-oil": (
        ("Fioul domestique (pétrole lampant)", "litre", DESNZ_FR),
        ("Gasóleo de calefacción (queroseno)", "litro", DESNZ_ES),
    ),
    "car-petrol": (("Voiture moyenne, essence", "km", DESNZ_FR), ("Coche medio, gasolina", "km", DESNZ_ES)),
    "car-diesel": (("Voiture moyenne, diesel", "km", DESNZ_FR), ("Coche medio, diésel", "km", DESNZ_ES)),
    "car-hybrid": (("Voiture hybride", "km", DESNZ_FR), ("Coche híbrido", "km", DESNZ_ES)),
    "car-electric": (("Voiture électrique à batterie", "km", DESNZ_FR), ("Coche eléctrico de batería", "km", DESNZ_ES)),
    "flight-short": (
        ("Vol court (1 100 km en général), classe économique", "vol", DESNZ_FR),
        ("Vuelo corto (normalmente 1.100 km), clase turista", "vuelo", DESNZ_ES),
    ),
    "flight-medium": (
        ("Vol moyen-courrier (2 750 km en général), classe économique", "vol", DESNZ_FR),
        ("Vuelo de media distancia (normalmente 2.750 km), clase turista", "vuelo", DESNZ_ES),
    ),
    "flight-long": (
        ("Vol long-courrier (8 000 km en général), classe économique", "vol", DESNZ_FR),
        ("Vuelo de larga distancia (normalmente 8.000 km), clase turista", "vuelo", DESNZ_ES),
    ),
    "diet-meat-heavy": (
        ("Alimentation avec de la viande à la plupart des repas", "an", DIET_FR),
        ("Dieta con carne en la mayoría de las comidas", "año", DIET_ES),
    ),
    "diet-average": (
        ("Alimentation moyenne avec un peu de viande", "an", DIET_FR),
        ("Dieta media con algo de carne", "año", DIET_ES),
    ),
    "diet-vegetarian": (("Alimentation végétarienne", "an", DIET_FR), ("Dieta vegetariana", "año", DIET_ES)),
    "diet-vegan": (("Alimentation végétalienne", "an", DIET_FR), ("Dieta vegana", "año", DIET_ES)),
    "lifestyle-low": (
        ("Faible consommation de biens et de services", "an", IPCC_FR),
        ("Bajo consumo de bienes y servicios", "año", IPCC_ES),
    ),
    "lifestyle-average": (
        ("Consommation moyenne de biens et de services", "an", IPCC_FR),
        ("Consumo medio de bienes y servicios", "año", IPCC_ES),
    ),
    "lifestyle-high": (
        ("Forte consommation de biens et de services", "an", IPCC_FR),
        ("Alto consumo de bienes y servicios", "año", IPCC_ES),
    ),
}

HOME = {
    "hero_title": t("Measure, reduce, offset", "Mesurer, réduire, compenser", "Medir, reducir, compensar"),
    "hero_text": p(
        "Take climate action today: offset what you cannot yet avoid with UN-certified emission reductions.",
        "Agissez pour le climat dès aujourd'hui : compensez ce que vous ne pouvez pas encore éviter avec des réductions d'émissions certifiées par l'ONU.",
        "Actúe hoy por el clima: compense lo que aún no puede evitar con reducciones de emisiones certificadas por la ONU.",
    ),
    "steps_title": t(
        "Three steps to climate neutrality",
        "Trois étapes vers la neutralité climatique",
        "Tres pasos hacia la neutralidad climática",
    ),
    "steps": [
        (
            t("Measure", "Mesurer", "Medir"),
            p(
                "Work out your climate footprint: home energy, travel, food and the things you buy.",
                "Calculez votre empreinte climatique : énergie du logement, déplacements, alimentation et achats.",
                "Calcule su huella climática: energía del hogar, viajes, alimentación y compras.",
            ),
        ),
        (
            t("Reduce", "Réduire", "Reducir"),
            p(
                "Cut the emissions you can: use less energy, travel smarter and waste less.",
                "Réduisez les émissions que vous pouvez : consommez moins d'énergie, voyagez mieux et gaspillez moins.",
                "Reduzca las emisiones que pueda: use menos energía, viaje mejor y desperdicie menos.",
            ),
        ),
        (
            t("Offset", "Compenser", "Compensar"),
            p(
                "Compensate what remains by cancelling certified emission reductions from projects in developing countries.",
                "Compensez le reste en annulant des réductions d'émissions certifiées de projets dans des pays en développement.",
                "Compense lo que queda cancelando reducciones de emisiones certificadas de proyectos en países en desarrollo.",
            ),
        ),
    ],
    "featured_title": t("Projects you can support", "Des projets à soutenir", "Proyectos que puede apoyar"),
    "cta_title": t("Ready to offset?", "Prêt à compenser ?", "¿Listo para compensar?"),
    "cta_text": t(
        "Choose a project, pay the provider directly and receive your cancellation certificate by email. The platform charges no fee.",
        "Choisissez un projet, payez directement le fournisseur et recevez votre certificat d'annulation par courriel. La plateforme ne prend aucune commission.",
        "Elija un proyecto, pague directamente al proveedor y reciba su certificado de cancelación por correo electrónico. La plataforma no cobra comisión.",
    ),
    "cta_button": t("Browse the offers", "Voir les offres", "Ver las ofertas"),
}

CAMPAIGN = {
    "title": t("Climate Neutral Now", "Climate Neutral Now", "Climate Neutral Now"),
    "slug": t("climate-neutral-now", "climate-neutral-now", "climate-neutral-now"),
    "search_description": t(
        "The UN Climate Neutral Now campaign: measure, reduce and offset your greenhouse gas emissions.",
        "La campagne Climate Neutral Now de l'ONU : mesurer, réduire et compenser vos émissions de gaz à effet de serre.",
        "La campaña Climate Neutral Now de la ONU: medir, reducir y compensar sus emisiones de gases de efecto invernadero.",
    ),
    "body": [
        (
            "rich_text",
            p(
                "Climate Neutral Now invites everyone, individuals, companies and governments, to act on climate change and reach a climate neutral world by the middle of the century.",
                "Climate Neutral Now invite chacun, particuliers, entreprises et gouvernements, à agir contre les changements climatiques et à atteindre un monde neutre pour le climat d'ici le milieu du siècle.",
                "Climate Neutral Now invita a todos, personas, empresas y gobiernos, a actuar frente al cambio climático y a lograr un mundo climáticamente neutro para mediados de siglo.",
            )
            + p(
                "Climate neutrality means a zero net impact on the climate from greenhouse gas emissions. Even with our best efforts, some emissions cannot yet be avoided: offsetting them is the last step.",
                "La neutralité climatique signifie un impact net nul des émissions de gaz à effet de serre sur le climat. Malgré nos efforts, certaines émissions ne peuvent pas encore être évitées : les compenser est la dernière étape.",
                "La neutralidad climática significa un impacto neto nulo de las emisiones de gases de efecto invernadero sobre el clima. Pese a nuestros esfuerzos, algunas emisiones aún no pueden evitarse: compensarlas es el último paso.",
            ),
        ),
        (
            "steps",
            {
                "title": t("How to take part", "Comment participer", "Cómo participar"),
                "steps": [
                    {
                        "title": t("Measure", "Mesurer", "Medir"),
                        "text": p(
                            "Calculate your footprint with our calculator.",
                            "Calculez votre empreinte avec notre calculateur.",
                            "Calcule su huella con nuestra calculadora.",
                        ),
                    },
                    {
                        "title": t("Reduce", "Réduire", "Reducir"),
                        "text": p(
                            "Cut the emissions you can avoid, starting with the largest.",
                            "Réduisez les émissions évitables, en commençant par les plus importantes.",
                            "Reduzca las emisiones evitables, empezando por las mayores.",
                        ),
                    },
                    {
                        "title": t("Offset", "Compenser", "Compensar"),
                        "text": p(
                            "Cancel UN-certified emission reductions for what remains.",
                            "Annulez des réductions d'émissions certifiées par l'ONU pour le reste.",
                            "Cancele reducciones de emisiones certificadas por la ONU para el resto.",
                        ),
                    },
                ],
            },
        ),
        (
            "quote",
            {
                "quote": t(
                    "Offsetting is not a way to avoid taking action. It demonstrates a commitment while society works toward climate neutrality.",
                    "La compensation n'est pas un moyen d'éviter d'agir. Elle témoigne d'un engagement pendant que la société progresse vers la neutralité climatique.",
                    "Compensar no es una forma de evitar actuar. Demuestra un compromiso mientras la sociedad avanza hacia la neutralidad climática.",
                ),
                "attribution": t("Climate Neutral Now", "Climate Neutral Now", "Climate Neutral Now"),
            },
        ),
        (
            "video_link",
            {
                "title": t(
                    "Climate Neutral Now in two minutes",
                    "Climate Neutral Now en deux minutes",
                    "Climate Neutral Now en dos minutos",
                ),
                "url": "https://unfccc.int/climate-action/climate-neutral-now",
                "description": t(
                    "An introduction to the campaign on the UN Climate Change website.",
                    "Une présentation de la campagne sur le site d'ONU Changements climatiques.",
                    "Una presentación de la campaña en el sitio web de ONU Cambio Climático.",
                ),
            },
        ),
        (
            "call_to_action",
            {
                "title": t(
                    "Offset what you cannot avoid",
                    "Compensez ce que vous ne pouvez pas éviter",
                    "Compense lo que no puede evitar",
                ),
                "text": t(
                    "Every certified emission reduction is one tonne of CO2 avoided or removed.",
                    "Chaque réduction d'émissions certifiée correspond à une tonne de CO2 évitée ou éliminée.",
                    "Cada reducción de emisiones certificada equivale a una tonelada de CO2 evitada o eliminada.",
                ),
                "button_text": t("Browse the offers", "Voir les offres", "Ver las ofertas"),
                "page": None,
                "url": "shop/",
            },
        ),
    ],
}

CDM_STEPS = [
    (
        ("Project design", "Conception du projet", "Diseño del proyecto"),
        (
            "Project participant prepares a project design document, making use of an approved emissions baseline and monitoring methodology.",
            "Le participant au projet prépare un descriptif de projet, en utilisant une méthodologie approuvée de référence et de surveillance des émissions.",
            "El participante del proyecto prepara un documento de diseño del proyecto con una metodología aprobada de línea de base y de vigilancia de las emisiones.",
        ),
    ),
    (
        ("National approval", "Approbation nationale", "Aprobación nacional"),
        (
            "Host-country Designated National Authority for CDM approves the project and its contribution to national sustainable development.",
            "L'autorité nationale désignée du pays hôte pour le MDP approuve le projet et sa contribution au développement durable national.",
            "La autoridad nacional designada del país anfitrión para el MDL aprueba el proyecto y su contribución al desarrollo sostenible nacional.",
        ),
    ),
    (
        ("Validation", "Validation", "Validación"),
        (
            "Designated Operational Entity, an accredited, third-party auditor, validates the project design.",
            "Une entité opérationnelle désignée, auditeur tiers accrédité, valide la conception du projet.",
            "Una entidad operacional designada, auditor externo acreditado, valida el diseño del proyecto.",
        ),
    ),
    (
        ("Registration", "Enregistrement", "Registro"),
        (
            "CDM Executive Board assesses the validated project for registration.",
            "Le Conseil exécutif du MDP examine le projet validé en vue de son enregistrement.",
            "La Junta Ejecutiva del MDL evalúa el proyecto validado para su registro.",
        ),
    ),
    (
        ("Monitoring", "Surveillance", "Vigilancia"),
        (
            "Project participant monitors the actual emissions according to the approved methodology.",
            "Le participant au projet surveille les émissions réelles selon la méthodologie approuvée.",
            "El participante del proyecto vigila las emisiones reales según la metodología aprobada.",
        ),
    ),
    (
        ("Verification", "Vérification", "Verificación"),
        (
            "Designated Operational Entity verifies that emission reductions took place, in the amount claimed, according to the approved monitoring plan.",
            "L'entité opérationnelle désignée vérifie que les réductions d'émissions ont eu lieu, dans la quantité annoncée, selon le plan de surveillance approuvé.",
            "La entidad operacional designada verifica que las reducciones de emisiones se produjeron, en la cantidad declarada, según el plan de vigilancia aprobado.",
        ),
    ),
    (
        ("CER issuance", "Délivrance des URCE", "Expedición de RCE"),
        (
            "CDM Executive Board assesses the verified achieved emission reductions for issuance of CERs.",
            "Le Conseil exécutif du MDP examine les réductions d'émissions vérifiées en vue de la délivrance d'URCE.",
            "La Junta Ejecutiva del MDL evalúa las reducciones de emisiones verificadas para la expedición de RCE.",
        ),
    ),
    (
        ("Offsetting", "Compensation", "Compensación"),
        (
            "Company or individual pays for the cancellation of CERs to compensate for their emissions. The project generates revenue to operate.",
            "Une entreprise ou un particulier paie l'annulation d'URCE pour compenser ses émissions. Le projet obtient des revenus pour fonctionner.",
            "Una empresa o un particular paga la cancelación de RCE para compensar sus emisiones. El proyecto obtiene ingresos para funcionar.",
        ),
    ),
]

HOW_CDM_WORKS = {
    "title": t("How the CDM works", "Comment fonctionne le MDP", "Cómo funciona el MDL"),
    "slug": t("how-the-cdm-works", "comment-fonctionne-le-mdp", "como-funciona-el-mdl"),
    "search_description": t(
        "The eight steps from project design to the cancellation of certified emission reductions.",
        "Les huit étapes, de la conception du projet à l'annulation des réductions d'émissions certifiées.",
        "Los ocho pasos, desde el diseño del proyecto hasta la cancelación de reducciones de emisiones certificadas.",
    ),
    "body": [
        (
            "rich_text",
            p(
                "When you offset your emissions with certified emission reductions (CERs), you take climate action through a process overseen by the United Nations. CERs are issued to Clean Development Mechanism (CDM) projects in developing countries, after a strict and thorough vetting process.",
                "Lorsque vous compensez vos émissions avec des réductions d'émissions certifiées (URCE), vous agissez pour le climat grâce à un processus supervisé par les Nations Unies. Les URCE sont délivrées à des projets du mécanisme pour un développement propre (MDP) dans des pays en développement, après un examen strict et approfondi.",
                "Cuando compensa sus emisiones con reducciones certificadas de emisiones (RCE), actúa por el clima mediante un proceso supervisado por las Naciones Unidas. Las RCE se expiden a proyectos del mecanismo para un desarrollo limpio (MDL) en países en desarrollo, tras un examen estricto y exhaustivo.",
            ),
        ),
        (
            "steps",
            {
                "title": t(
                    "From project to offset in eight steps",
                    "Du projet à la compensation en huit étapes",
                    "Del proyecto a la compensación en ocho pasos",
                ),
                "steps": [{"title": t(*title), "text": p(*text)} for title, text in CDM_STEPS],
            },
        ),
        (
            "rich_text",
            p(
                "The offsets issued from the CDM are recorded and tracked in the Kyoto Protocol's registry system, which accounts for each unit. This platform is fully integrated with the CDM registry.",
                "Les compensations délivrées par le MDP sont enregistrées et suivies dans le système de registres du Protocole de Kyoto, qui comptabilise chaque unité. Cette plateforme est entièrement intégrée au registre du MDP.",
                "Las compensaciones expedidas por el MDL se registran y se siguen en el sistema de registros del Protocolo de Kyoto, que contabiliza cada unidad. Esta plataforma está plenamente integrada con el registro del MDL.",
            )
            + p(
                "Projects also report their sustainable development co-benefits in three categories: environmental, social and economic.",
                "Les projets déclarent aussi leurs avantages connexes pour le développement durable dans trois catégories : environnementale, sociale et économique.",
                "Los proyectos también informan de sus beneficios colaterales para el desarrollo sostenible en tres categorías: ambiental, social y económica.",
            ),
        ),
    ],
}

HOW_TO_OFFSET = {
    "title": t("How to offset", "Comment compenser", "Cómo compensar"),
    "slug": t("how-to-offset", "comment-compenser", "como-compensar"),
    "search_description": t(
        "Choose a project, pay the provider and receive a certificate of voluntary cancellation.",
        "Choisissez un projet, payez le fournisseur et recevez un certificat d'annulation volontaire.",
        "Elija un proyecto, pague al proveedor y reciba un certificado de cancelación voluntaria.",
    ),
    "body": [
        (
            "steps",
            {
                "title": t("Offsetting in four steps", "Compenser en quatre étapes", "Compensar en cuatro pasos"),
                "steps": [
                    {
                        "title": t("Choose", "Choisir", "Elegir"),
                        "text": p(
                            "Filter the offers by country, type of project, co-benefit or price and add the number of CERs you need to your basket.",
                            "Filtrez les offres par pays, type de projet, avantage connexe ou prix et ajoutez le nombre d'URCE nécessaire à votre panier.",
                            "Filtre las ofertas por país, tipo de proyecto, beneficio colateral o precio y añada a su cesta el número de RCE que necesita.",
                        ),
                    },
                    {
                        "title": t(
                            "Tell us who and why", "Indiquez pour qui et pourquoi", "Indique para quién y por qué"
                        ),
                        "text": p(
                            "Give the name to print on the certificate and the reason for offsetting. The attestation preview shows the result.",
                            "Indiquez le nom à imprimer sur le certificat et la raison de la compensation. L'aperçu de l'attestation montre le résultat.",
                            "Indique el nombre que figurará en el certificado y el motivo de la compensación. La vista previa de la atestación muestra el resultado.",
                        ),
                    },
                    {
                        "title": t("Pay the provider", "Payez le fournisseur", "Pague al proveedor"),
                        "text": p(
                            "Pay by PayPal, card or bank transfer. The money goes directly to the project's provider; the platform charges no fee.",
                            "Payez par PayPal, carte ou virement bancaire. L'argent va directement au fournisseur du projet ; la plateforme ne prend aucune commission.",
                            "Pague con PayPal, tarjeta o transferencia bancaria. El dinero va directamente al proveedor del proyecto; la plataforma no cobra comisión.",
                        ),
                    },
                    {
                        "title": t("Receive your certificate", "Recevez votre certificat", "Reciba su certificado"),
                        "text": p(
                            "The CERs are cancelled in the CDM registry and your certificate arrives by email within two working days.",
                            "Les URCE sont annulées dans le registre du MDP et votre certificat arrive par courriel sous deux jours ouvrables.",
                            "Las RCE se cancelan en el registro del MDL y su certificado llega por correo electrónico en un plazo de dos días hábiles.",
                        ),
                    },
                ],
            },
        ),
        (
            "call_to_action",
            {
                "title": t("Start with a project", "Commencez par un projet", "Empiece por un proyecto"),
                "text": t(
                    "Each project page tells its story and its co-benefits.",
                    "Chaque page de projet raconte son histoire et ses avantages connexes.",
                    "Cada página de proyecto cuenta su historia y sus beneficios colaterales.",
                ),
                "button_text": t("Browse the offers", "Voir les offres", "Ver las ofertas"),
                "page": None,
                "url": "shop/",
            },
        ),
    ],
}

TERMS = {
    "title": t("Terms of use", "Conditions d'utilisation", "Condiciones de uso"),
    "slug": "terms-of-use",
    "body": [
        (
            "rich_text",
            "".join(
                [
                    "<h2>" + t("1. The platform", "1. La plateforme", "1. La plataforma") + "</h2>",
                    p(
                        "The platform lets anyone aged 18 or older pay a provider directly for the voluntary cancellation of certified emission reductions held in the CDM registry.",
                        "La plateforme permet à toute personne âgée de 18 ans ou plus de payer directement un fournisseur pour l'annulation volontaire de réductions d'émissions certifiées détenues dans le registre du MDP.",
                        "La plataforma permite a cualquier persona de 18 años o más pagar directamente a un proveedor por la cancelación voluntaria de reducciones certificadas de emisiones mantenidas en el registro del MDL.",
                    ),
                    "<h2>" + t("2. Purchases", "2. Achats", "2. Compras") + "</h2>",
                    p(
                        "You purchase the cancellation of CERs, not their ownership. Cancelled units cannot be used again. The reason printed on the certificate cannot be changed after purchase.",
                        "Vous achetez l'annulation d'URCE, et non leur propriété. Les unités annulées ne peuvent plus être utilisées. La raison imprimée sur le certificat ne peut pas être modifiée après l'achat.",
                        "Usted compra la cancelación de RCE, no su propiedad. Las unidades canceladas no pueden volver a utilizarse. El motivo impreso en el certificado no puede modificarse después de la compra.",
                    ),
                    "<h2>" + t("3. Payments", "3. Paiements", "3. Pagos") + "</h2>",
                    p(
                        "Payments go directly to the provider. The platform charges no fee. Bank transfer orders not paid within 90 days are cancelled.",
                        "Les paiements vont directement au fournisseur. La plateforme ne prend aucune commission. Les commandes par virement non payées sous 90 jours sont annulées.",
                        "Los pagos van directamente al proveedor. La plataforma no cobra comisión. Los pedidos por transferencia no pagados en 90 días se cancelan.",
                    ),
                    "<h2>" + t("4. Disputes", "4. Litiges", "4. Controversias") + "</h2>",
                    p(
                        "The UNFCCC secretariat is not a party to the contract between purchaser and provider. Disputes are settled between them first, then according to these terms.",
                        "Le secrétariat de la CCNUCC n'est pas partie au contrat entre l'acheteur et le fournisseur. Les litiges sont d'abord réglés entre eux, puis selon les présentes conditions.",
                        "La secretaría de la CMNUCC no es parte del contrato entre comprador y proveedor. Las controversias se resuelven primero entre ellos y luego conforme a estas condiciones.",
                    ),
                    "<h2>" + t("5. Personal data", "5. Données personnelles", "5. Datos personales") + "</h2>",
                    p(
                        "We use your details to fulfil your order and issue your certificate. The beneficiary is shown publicly only if you agree.",
                        "Nous utilisons vos coordonnées pour exécuter votre commande et délivrer votre certificat. Le bénéficiaire n'est affiché publiquement qu'avec votre accord.",
                        "Usamos sus datos para tramitar su pedido y expedir su certificado. El beneficiario solo se muestra públicamente si usted lo acepta.",
                    ),
                ]
            ),
        )
    ],
}

CONTACT = {
    "title": t("Contact us", "Nous contacter", "Contacto"),
    "slug": t("contact", "contact", "contacto"),
    "intro": p(
        "Write to the platform team. Choose the subject that fits best so your message reaches the right person.",
        "Écrivez à l'équipe de la plateforme. Choisissez le sujet le plus adapté pour que votre message parvienne à la bonne personne.",
        "Escriba al equipo de la plataforma. Elija el asunto más adecuado para que su mensaje llegue a la persona indicada.",
    ),
    "thank_you_text": p(
        "Thank you. Your message has been sent to the platform team; we reply within two working days.",
        "Merci. Votre message a été transmis à l'équipe de la plateforme ; nous répondons sous deux jours ouvrables.",
        "Gracias. Su mensaje se ha enviado al equipo de la plataforma; respondemos en un plazo de dos días hábiles.",
    ),
    "subject": t(
        "Message from the contact form", "Message du formulaire de contact", "Mensaje del formulario de contacto"
    ),
    "fields": [
        (t("Your name", "Votre nom", "Su nombre"), "singleline", ""),
        (t("Email", "Courriel", "Correo electrónico"), "email", ""),
        (
            t("Subject", "Sujet", "Asunto"),
            "dropdown",
            t(
                "Problem with order\nCertificate not received\nProblem with listing\nOther",
                "Problème de commande\nCertificat non reçu\nProblème d'annonce\nAutre",
                "Problema con el pedido\nCertificado no recibido\nProblema con la oferta\nOtro",
            ),
        ),
        (t("Message", "Message", "Mensaje"), "multiline", ""),
    ],
}
for _en, _fr, _es in [
    ("Problem with order", "Problème de commande", "Problema con el pedido"),
    ("Certificate not received", "Certificat non reçu", "Certificado no recibido"),
    ("Problem with listing", "Problème d'annonce", "Problema con la oferta"),
    ("Other", "Autre", "Otro"),
]:
    t(_en, _fr, _es)

PROJECT_INDEX = {
    "title": t("Projects", "Projets", "Proyectos"),
    "slug": t("projects", "projets", "proyectos"),
    "intro": p(
        "Certified projects in developing countries that reduce emissions and bring sustainable development benefits. Each page tells the project's story in its own words.",
        "Des projets certifiés dans des pays en développement qui réduisent les émissions et favorisent le développement durable. Chaque page raconte l'histoire du projet avec ses propres mots.",
        "Proyectos certificados en países en desarrollo que reducen emisiones y aportan beneficios para el desarrollo sostenible. Cada página cuenta la historia del proyecto con sus propias palabras.",
    ),
}

STATISTICS = {
    "title": t("Statistics", "Statistiques", "Estadísticas"),
    "slug": t("statistics", "statistiques", "estadisticas"),
    "intro": p(
        "How many CERs buyers have cancelled through the platform: over time, by type of purchaser, by sectoral scope and by host country.",
        "Combien d'URCE les acheteurs ont annulées via la plateforme : dans le temps, par type d'acheteur, par champ sectoriel et par pays hôte.",
        "Cuántas RCE han cancelado los compradores a través de la plataforma: a lo largo del tiempo, por tipo de comprador, por ámbito sectorial y por país anfitrión.",
    ),
}

MEASURE = {
    "title": t("Measure your footprint", "Mesurer votre empreinte", "Medir su huella"),
    "slug": t("measure", "mesurer", "medir"),
    "intro": p(
        "Estimate your household's yearly emissions from energy, travel, food and consumption, then offset what you cannot yet avoid.",
        "Estimez les émissions annuelles de votre foyer liées à l'énergie, aux déplacements, à l'alimentation et à la consommation, puis compensez ce que vous ne pouvez pas encore éviter.",
        "Calcule las emisiones anuales de su hogar por energía, viajes, alimentación y consumo, y compense lo que aún no puede evitar.",
    ),
    "reduce_text": p(
        "Before offsetting, reduce what you can: insulate, choose the train, eat less meat and keep things longer.",
        "Avant de compenser, réduisez ce que vous pouvez : isolez, prenez le train, mangez moins de viande et gardez vos objets plus longtemps.",
        "Antes de compensar, reduzca lo que pueda: aísle su casa, elija el tren, coma menos carne y conserve sus cosas más tiempo.",
    ),
}
