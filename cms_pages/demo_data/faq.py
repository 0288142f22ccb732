"""The main questions of the platform FAQ (seed 001), in English with French and Spanish translations."""

from .text import p, t


def q(question, answer):
    return {"question": t(*question), "answer": "".join(p(*paragraph) for paragraph in answer)}


FAQ = {
    "title": t("Frequently asked questions", "Questions fréquentes", "Preguntas frecuentes"),
    "slug": t("faq", "faq", "preguntas-frecuentes"),
    "intro": p(
        "Answers to the questions purchasers and providers ask most often.",
        "Les réponses aux questions que se posent le plus souvent les acheteurs et les fournisseurs.",
        "Respuestas a las preguntas más frecuentes de compradores y proveedores.",
    ),
    "groups": [
        (
            (
                "Purchasing CERs for cancellation",
                "Acheter des URCE pour les annuler",
                "Comprar RCE para su cancelación",
            ),
            [
                q(
                    (
                        "Why cancel certified emission reductions (CERs)?",
                        "Pourquoi annuler des réductions d'émissions certifiées (URCE) ?",
                        "¿Por qué cancelar reducciones certificadas de emisiones (RCE)?",
                    ),
                    [
                        (
                            "By purchasing and cancelling CERs you claim their environmental benefit. The CERs are put out of circulation, and you support projects that bring sustainable development to developing countries.",
                            "En achetant et en annulant des URCE, vous revendiquez leur bénéfice environnemental. Les URCE sont retirées de la circulation et vous soutenez des projets qui favorisent le développement durable dans les pays en développement.",
                            "Al comprar y cancelar RCE, usted reclama su beneficio ambiental. Las RCE se retiran de la circulación y usted apoya proyectos que aportan desarrollo sostenible a países en desarrollo.",
                        )
                    ],
                ),
                q(
                    (
                        "What does voluntary cancellation mean?",
                        "Que signifie l'annulation volontaire ?",
                        "¿Qué significa la cancelación voluntaria?",
                    ),
                    [
                        (
                            "Voluntary cancellation is the process in the CDM registry by which CERs are taken out of circulation, preventing any further use. It is similar to destroying them.",
                            "L'annulation volontaire est l'opération du registre du MDP qui retire les URCE de la circulation et empêche toute utilisation ultérieure. Elle revient à les détruire.",
                            "La cancelación voluntaria es el proceso del registro del MDL por el que las RCE se retiran de la circulación e impide cualquier uso posterior. Equivale a destruirlas.",
                        )
                    ],
                ),
                q(
                    ("What are CERs?", "Que sont les URCE ?", "¿Qué son las RCE?"),
                    [
                        (
                            "Certified emission reductions are electronic certificates issued for greenhouse gas emission reductions from CDM project activities or programmes of activities. Each CER is equivalent to one tonne of CO2 avoided or removed from the atmosphere.",
                            "Les réductions d'émissions certifiées sont des certificats électroniques délivrés pour des réductions d'émissions de gaz à effet de serre obtenues par des activités de projet ou des programmes d'activités du MDP. Chaque URCE équivaut à une tonne de CO2 évitée ou retirée de l'atmosphère.",
                            "Las reducciones certificadas de emisiones son certificados electrónicos expedidos por reducciones de emisiones de gases de efecto invernadero de actividades de proyectos o programas de actividades del MDL. Cada RCE equivale a una tonelada de CO2 evitada o eliminada de la atmósfera.",
                        )
                    ],
                ),
                q(
                    (
                        "Will I own the CERs after my purchase?",
                        "Serai-je propriétaire des URCE après mon achat ?",
                        "¿Seré propietario de las RCE después de mi compra?",
                    ),
                    [
                        (
                            "No. You purchase the cancellation of the CERs you selected. They are cancelled and you receive a certificate for the voluntary cancellation.",
                            "Non. Vous achetez l'annulation des URCE choisies. Elles sont annulées et vous recevez un certificat d'annulation volontaire.",
                            "No. Usted compra la cancelación de las RCE elegidas. Se cancelan y usted recibe un certificado de cancelación voluntaria.",
                        )
                    ],
                ),
                q(
                    ("Will I get a certificate?", "Vais-je recevoir un certificat ?", "¿Recibiré un certificado?"),
                    [
                        (
                            "Yes. You receive a digital certificate by email showing the beneficiary and the reason for offsetting, within two working days after your purchase is completed.",
                            "Oui. Vous recevez par courriel un certificat numérique indiquant le bénéficiaire et la raison de la compensation, dans les deux jours ouvrables suivant votre achat.",
                            "Sí. Recibirá por correo electrónico un certificado digital con el beneficiario y el motivo de la compensación, en un plazo de dos días hábiles tras completar su compra.",
                        )
                    ],
                ),
                q(
                    (
                        "Can I give the reason for my purchase?",
                        "Puis-je indiquer la raison de mon achat ?",
                        "¿Puedo indicar el motivo de mi compra?",
                    ),
                    [
                        (
                            "Yes. At checkout you choose a standard reason or write your own, and the attestation preview shows how your certificate will look.",
                            "Oui. Lors de la commande, vous choisissez une raison type ou rédigez la vôtre, et l'aperçu de l'attestation montre l'aspect de votre certificat.",
                            "Sí. Al pagar, elige un motivo estándar o escribe el suyo, y la vista previa de la atestación muestra cómo será su certificado.",
                        )
                    ],
                ),
                q(
                    (
                        "Is there any fee to use the platform?",
                        "L'utilisation de la plateforme est-elle payante ?",
                        "¿Tiene algún costo usar la plataforma?",
                    ),
                    [
                        (
                            "No. The use of the platform is free of charge.",
                            "Non. L'utilisation de la plateforme est gratuite.",
                            "No. El uso de la plataforma es gratuito.",
                        )
                    ],
                ),
                q(
                    (
                        "Who can purchase the cancellation of CERs?",
                        "Qui peut acheter l'annulation d'URCE ?",
                        "¿Quién puede comprar la cancelación de RCE?",
                    ),
                    [
                        (
                            "Any individual 18 years of age or older, as a private person or as the representative of an organization.",
                            "Toute personne âgée de 18 ans ou plus, à titre privé ou en tant que représentant d'une organisation.",
                            "Cualquier persona de 18 años o más, a título particular o como representante de una organización.",
                        )
                    ],
                ),
            ],
        ),
        (
            ("Making payments", "Paiements", "Pagos"),
            [
                q(
                    (
                        "What methods of payment are available?",
                        "Quels moyens de paiement sont disponibles ?",
                        "¿Qué métodos de pago hay?",
                    ),
                    [
                        (
                            "A PayPal account, a credit or debit card through PayPal, or a bank transfer. PayPal is recommended: it completes the transaction online.",
                            "Un compte PayPal, une carte de crédit ou de débit via PayPal, ou un virement bancaire. PayPal est recommandé : la transaction se conclut en ligne.",
                            "Una cuenta PayPal, una tarjeta de crédito o débito a través de PayPal, o una transferencia bancaria. Se recomienda PayPal: la transacción se completa en línea.",
                        )
                    ],
                ),
                q(
                    (
                        "How does a bank transfer work?",
                        "Comment fonctionne un virement bancaire ?",
                        "¿Cómo funciona una transferencia bancaria?",
                    ),
                    [
                        (
                            "The provider emails you its bank details within two working days. You cover the bank charges. Orders not paid within 90 days are cancelled.",
                            "Le fournisseur vous envoie ses coordonnées bancaires par courriel sous deux jours ouvrables. Les frais bancaires sont à votre charge. Les commandes non payées sous 90 jours sont annulées.",
                            "El proveedor le envía sus datos bancarios por correo electrónico en dos días hábiles. Los gastos bancarios corren por su cuenta. Los pedidos no pagados en 90 días se cancelan.",
                        )
                    ],
                ),
                q(
                    (
                        "My PayPal payment is taking time. Why?",
                        "Mon paiement PayPal prend du temps. Pourquoi ?",
                        "Mi pago con PayPal tarda. ¿Por qué?",
                    ),
                    [
                        (
                            "PayPal may hold a transaction until its security checks are done, usually within five working days. Once confirmed, you receive your attestation within one working day.",
                            "PayPal peut retenir une transaction jusqu'à la fin de ses contrôles de sécurité, en général sous cinq jours ouvrables. Une fois le paiement confirmé, vous recevez votre attestation sous un jour ouvrable.",
                            "PayPal puede retener una transacción hasta completar sus controles de seguridad, normalmente en cinco días hábiles. Una vez confirmada, recibirá su atestación en un día hábil.",
                        )
                    ],
                ),
            ],
        ),
        (
            ("Offering CERs", "Proposer des URCE", "Ofrecer RCE"),
            [
                q(
                    (
                        "Who can offer CERs on the platform?",
                        "Qui peut proposer des URCE sur la plateforme ?",
                        "¿Quién puede ofrecer RCE en la plataforma?",
                    ),
                    [
                        (
                            "Focal points for scope (a) and permanent holding account representatives whose projects hold CERs in the pending account or a permanent holding account of the CDM registry, with the share of proceeds paid.",
                            "Les coordonnateurs pour le champ (a) et les représentants de comptes de dépôt permanents dont les projets détiennent des URCE dans le compte d'attente ou un compte de dépôt permanent du registre du MDP, la part des fonds étant payée.",
                            "Los coordinadores para el ámbito (a) y los representantes de cuentas de haberes permanentes cuyos proyectos tienen RCE en la cuenta de espera o en una cuenta de haberes permanente del registro del MDL, con la parte de los fondos pagada.",
                        )
                    ],
                ),
                q(
                    ("Can I choose my price?", "Puis-je fixer mon prix ?", "¿Puedo fijar mi precio?"),
                    [
                        (
                            "Yes, with one offer per block of CERs. To change a price, withdraw the offer and publish a new one; an offer with an order in progress cannot be withdrawn.",
                            "Oui, avec une offre par bloc d'URCE. Pour changer de prix, retirez l'offre et publiez-en une nouvelle ; une offre faisant l'objet d'une commande en cours ne peut pas être retirée.",
                            "Sí, con una oferta por bloque de RCE. Para cambiar el precio, retire la oferta y publique una nueva; una oferta con un pedido en curso no puede retirarse.",
                        )
                    ],
                ),
                q(
                    (
                        "What pictures and description can I show?",
                        "Quelles photos et quelle description puis-je publier ?",
                        "¿Qué fotos y descripción puedo mostrar?",
                    ),
                    [
                        (
                            "A description of no more than 500 words, consistent with what the project submitted to the CDM Executive Board, and pictures of at least 800x600 pixels in proportion 4:3.",
                            "Une description de 500 mots au plus, conforme aux informations soumises au Conseil exécutif du MDP, et des photos d'au moins 800x600 pixels au format 4:3.",
                            "Una descripción de 500 palabras como máximo, coherente con lo presentado a la Junta Ejecutiva del MDL, y fotos de al menos 800x600 píxeles en proporción 4:3.",
                        )
                    ],
                ),
            ],
        ),
        (
            ("Support", "Assistance", "Asistencia"),
            [
                q(
                    (
                        "I have not received my certificate. What should I do?",
                        "Je n'ai pas reçu mon certificat. Que faire ?",
                        "No he recibido mi certificado. ¿Qué hago?",
                    ),
                    [
                        (
                            "If your certificate has not arrived within 72 hours after your payment was confirmed, use the contact form with the subject Certificate not received.",
                            "Si votre certificat n'est pas arrivé dans les 72 heures suivant la confirmation du paiement, utilisez le formulaire de contact avec le sujet Certificat non reçu.",
                            "Si su certificado no ha llegado 72 horas después de confirmado el pago, use el formulario de contacto con el asunto Certificado no recibido.",
                        )
                    ],
                ),
            ],
        ),
    ],
}
