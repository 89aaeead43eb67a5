"""The system library: what each template says, in French and English.

Prices are in FCFA, dates and names fit West and Central Africa; every
template greets the contact by first name with a default.
"""

HELLO = {
    "fr": 'Bonjour {{ first_name|default:"cher client" }},',
    "en": 'Hello {{ first_name|default:"dear customer" }},',
}


def palette(primary, accent, page="#f3f4f6"):
    return {"primary": primary, "accent": accent, "page": page}


TEMPLATES = [
    {
        "key": "shop-promotion",
        "category": "promotion",
        "industry": "commerce",
        "art": "promotion",
        "body": "cards",
        "colours": palette("#c2410c", "#ea580c", "#fff7ed"),
        "fr": {
            "name": "Promotion boutique",
            "description": "Soldes et réductions avec trois produits vedettes.",
            "title": "Jusqu'à -30 % cette semaine",
            "preheader": "Nos meilleures offres de la saison, jusqu'à dimanche.",
            "art_alt": "Sacs de shopping et étiquette -30 %",
            "kicker": "Offre limitée",
            "headline": "Jusqu'à -30 % sur vos articles préférés",
            "intro": [
                HELLO["fr"],
                "Pour vous remercier de votre fidélité, toute la boutique est "
                "en promotion jusqu'à dimanche soir. Livraison gratuite dès "
                "25 000 FCFA d'achat.",
            ],
            "items": [
                ("Pagne wax", "6 yards, coton 100 %", "12 500 FCFA"),
                ("Sac en cuir", "Fait main à Dakar", "18 000 FCFA"),
                ("Sandales", "Tailles 36 à 45", "9 900 FCFA"),
            ],
            "cta": "Voir toutes les offres",
            "cta_url": "https://example.com/promotions",
            "note": "Offre valable en boutique et en ligne, dans la limite des stocks.",
        },
        "en": {
            "name": "Shop promotion",
            "description": "A sale with three featured products.",
            "title": "Up to 30% off this week",
            "preheader": "Our best offers of the season, until Sunday.",
            "art_alt": "Shopping bags and a 30% off tag",
            "kicker": "Limited offer",
            "headline": "Up to 30% off your favourite items",
            "intro": [
                HELLO["en"],
                "To thank you for your loyalty, the whole shop is on sale until "
                "Sunday night. Free delivery on orders over 25,000 FCFA.",
            ],
            "items": [
                ("Wax print fabric", "6 yards, 100% cotton", "12,500 FCFA"),
                ("Leather bag", "Handmade in Dakar", "18,000 FCFA"),
                ("Sandals", "Sizes 36 to 45", "9,900 FCFA"),
            ],
            "cta": "See all offers",
            "cta_url": "https://example.com/promotions",
            "note": "Valid in store and online while stocks last.",
        },
    },
    {
        "key": "monthly-newsletter",
        "category": "newsletter",
        "industry": "services",
        "art": "newsletter",
        "body": "articles",
        "colours": palette("#0f766e", "#14b8a6", "#f0fdfa"),
        "fr": {
            "name": "Newsletter mensuelle",
            "description": "Les nouvelles du mois en deux articles.",
            "title": "Les nouvelles du mois",
            "preheader": "Ce qui a changé ce mois-ci et ce qui arrive.",
            "art_alt": "Un journal illustré",
            "kicker": "Newsletter · ce mois-ci",
            "headline": "Les nouvelles du mois",
            "intro": [
                HELLO["fr"],
                "Voici en quelques minutes ce qui s'est passé chez nous et ce "
                "qui vous attend le mois prochain.",
            ],
            "items": [
                (
                    "Un nouveau bureau à Abidjan",
                    "Notre équipe s'agrandit et vous accueille désormais à Cocody, "
                    "du lundi au samedi.",
                ),
                (
                    "Paiement par Mobile Money",
                    "Réglez vos factures avec Orange Money, MTN MoMo ou Wave, "
                    "sans frais supplémentaires.",
                ),
            ],
            "cta": "Lire la suite sur notre site",
            "cta_url": "https://example.com/actualites",
        },
        "en": {
            "name": "Monthly newsletter",
            "description": "The month's news in two articles.",
            "title": "This month's news",
            "preheader": "What changed this month and what is coming next.",
            "art_alt": "An illustrated newspaper",
            "kicker": "Newsletter · this month",
            "headline": "This month's news",
            "intro": [
                HELLO["en"],
                "Here is, in a few minutes, what happened with us and what is "
                "waiting for you next month.",
            ],
            "items": [
                (
                    "A new office in Nairobi",
                    "Our team is growing and now welcomes you in Westlands, "
                    "Monday to Saturday.",
                ),
                (
                    "Pay with mobile money",
                    "Settle your invoices with M-Pesa, MTN MoMo or Airtel Money "
                    "at no extra cost.",
                ),
            ],
            "cta": "Read more on our website",
            "cta_url": "https://example.com/news",
        },
    },
    {
        "key": "event-invitation",
        "category": "event",
        "industry": "services",
        "art": "event",
        "body": "details",
        "colours": palette("#4338ca", "#e11d48", "#eef2ff"),
        "fr": {
            "name": "Invitation à un événement",
            "description": "Date, lieu et inscription en un coup d'œil.",
            "title": "Vous êtes invité(e)",
            "preheader": "Réservez votre place, le nombre de places est limité.",
            "art_alt": "Un calendrier avec une date entourée",
            "kicker": "Invitation",
            "headline": "Rencontre des entrepreneurs de Douala",
            "intro": [
                HELLO["fr"],
                "Nous avons le plaisir de vous inviter à une soirée d'échanges "
                "avec des dirigeants de PME de la région, suivie d'un cocktail.",
            ],
            "items": [
                ("Date", "Jeudi 12 mars 2026"),
                ("Heure", "18 h 00 – 21 h 00"),
                ("Lieu", "Hôtel Akwa Palace, Douala"),
                ("Entrée", "Gratuite sur inscription"),
            ],
            "cta": "Je réserve ma place",
            "cta_url": "https://example.com/inscription",
            "note": "Une question ? Répondez simplement à cet email.",
        },
        "en": {
            "name": "Event invitation",
            "description": "Date, venue and registration at a glance.",
            "title": "You are invited",
            "preheader": "Book your seat, places are limited.",
            "art_alt": "A calendar with a date circled",
            "kicker": "Invitation",
            "headline": "Lagos Business Owners Meetup",
            "intro": [
                HELLO["en"],
                "We are delighted to invite you to an evening of conversations "
                "with small business leaders from the region, followed by drinks.",
            ],
            "items": [
                ("Date", "Thursday 12 March 2026"),
                ("Time", "6:00 pm – 9:00 pm"),
                ("Venue", "Eko Hotel, Victoria Island, Lagos"),
                ("Entry", "Free, registration required"),
            ],
            "cta": "Book my seat",
            "cta_url": "https://example.com/register",
            "note": "Any question? Simply reply to this email.",
        },
    },
    {
        "key": "welcome",
        "category": "welcome",
        "industry": "",
        "art": "welcome",
        "body": "articles",
        "colours": palette("#047857", "#f59e0b", "#ecfdf5"),
        "fr": {
            "name": "Bienvenue",
            "description": "Le premier email d'un nouvel inscrit.",
            "title": "Bienvenue parmi nous",
            "preheader": "Merci de votre inscription : voici ce qui vous attend.",
            "art_alt": "Une enveloppe avec un cœur",
            "kicker": "Bienvenue",
            "headline": "Ravi de vous compter parmi nous",
            "intro": [
                HELLO["fr"],
                "Merci de votre inscription. Chaque mois, vous recevrez nos "
                "nouveautés, nos conseils et des offres réservées aux abonnés.",
            ],
            "items": [
                (
                    "Des offres réservées",
                    "Nos abonnés profitent des soldes 48 heures avant tout le monde.",
                ),
                (
                    "Un service proche de vous",
                    "Notre équipe vous répond par email, téléphone ou WhatsApp.",
                ),
            ],
            "cta": "Découvrir nos produits",
            "cta_url": "https://example.com/",
        },
        "en": {
            "name": "Welcome",
            "description": "The first email a new subscriber receives.",
            "title": "Welcome aboard",
            "preheader": "Thank you for subscribing: here is what to expect.",
            "art_alt": "An envelope with a heart",
            "kicker": "Welcome",
            "headline": "We are glad to have you with us",
            "intro": [
                HELLO["en"],
                "Thank you for subscribing. Every month you will receive our "
                "news, our tips and offers reserved for subscribers.",
            ],
            "items": [
                (
                    "Subscriber-only offers",
                    "Our subscribers get sales 48 hours before everyone else.",
                ),
                (
                    "A service close to you",
                    "Our team answers by email, phone or WhatsApp.",
                ),
            ],
            "cta": "Discover our products",
            "cta_url": "https://example.com/",
        },
    },
    {
        "key": "greeting-tabaski",
        "category": "greeting",
        "industry": "",
        "art": "tabaski",
        "body": "none",
        "colours": palette("#065f46", "#b45309", "#f0fdf4"),
        "fr": {
            "name": "Vœux de Tabaski",
            "description": "Souhaiter une bonne fête de l'Aïd el-Kébir.",
            "title": "Bonne fête de Tabaski",
            "preheader": "Toute l'équipe vous souhaite une belle fête de Tabaski.",
            "art_alt": "Une mosquée et un croissant de lune",
            "kicker": "Aïd el-Kébir",
            "headline": "Bonne fête de Tabaski !",
            "intro": [
                HELLO["fr"],
                "En cette fête de partage, toute l'équipe vous souhaite, à vous "
                "et à vos proches, paix, santé et prospérité. Dewenati !",
                "Nos boutiques seront fermées le jour de la fête et rouvriront "
                "dès le lendemain.",
            ],
            "cta": "Voir nos horaires",
            "cta_url": "https://example.com/horaires",
        },
        "en": {
            "name": "Eid al-Adha greetings",
            "description": "Wish your contacts a happy Tabaski.",
            "title": "Happy Eid al-Adha",
            "preheader": "The whole team wishes you a blessed Tabaski.",
            "art_alt": "A mosque and a crescent moon",
            "kicker": "Tabaski",
            "headline": "Eid Mubarak!",
            "intro": [
                HELLO["en"],
                "On this day of sharing, the whole team wishes you and your "
                "loved ones peace, health and prosperity.",
                "Our shops will be closed on the day of the celebration and "
                "will reopen the next morning.",
            ],
            "cta": "See our opening hours",
            "cta_url": "https://example.com/hours",
        },
    },
    {
        "key": "greeting-ramadan",
        "category": "greeting",
        "industry": "",
        "art": "ramadan",
        "body": "details",
        "colours": palette("#1e3a5f", "#d97706", "#eff6ff"),
        "fr": {
            "name": "Ramadan Moubarak",
            "description": "Vœux de Ramadan et horaires adaptés.",
            "title": "Ramadan Moubarak",
            "preheader": "Nos vœux pour ce mois sacré et nos horaires adaptés.",
            "art_alt": "Un croissant de lune et une lanterne",
            "kicker": "Ramadan Moubarak",
            "headline": "Un mois de paix et de partage",
            "intro": [
                HELLO["fr"],
                "Toute l'équipe vous souhaite un Ramadan serein. Pendant le mois "
                "sacré, nous adaptons nos horaires pour mieux vous servir.",
            ],
            "items": [
                ("Lundi – vendredi", "8 h 00 – 15 h 00"),
                ("Samedi", "9 h 00 – 13 h 00"),
                ("Après la rupture", "Commandes WhatsApp jusqu'à 22 h"),
            ],
            "cta": "Commander en ligne",
            "cta_url": "https://example.com/commander",
        },
        "en": {
            "name": "Ramadan Mubarak",
            "description": "Ramadan greetings and adjusted opening hours.",
            "title": "Ramadan Mubarak",
            "preheader": "Our wishes for the holy month and our adjusted hours.",
            "art_alt": "A crescent moon and a lantern",
            "kicker": "Ramadan Mubarak",
            "headline": "A month of peace and sharing",
            "intro": [
                HELLO["en"],
                "The whole team wishes you a peaceful Ramadan. During the holy "
                "month we adjust our opening hours to serve you better.",
            ],
            "items": [
                ("Monday – Friday", "8:00 am – 3:00 pm"),
                ("Saturday", "9:00 am – 1:00 pm"),
                ("After iftar", "WhatsApp orders until 10 pm"),
            ],
            "cta": "Order online",
            "cta_url": "https://example.com/order",
        },
    },
    {
        "key": "greeting-christmas",
        "category": "greeting",
        "industry": "",
        "art": "christmas",
        "body": "none",
        "colours": palette("#b91c1c", "#15803d", "#fef2f2"),
        "fr": {
            "name": "Joyeux Noël",
            "description": "Vœux de Noël chaleureux avec une offre cadeau.",
            "title": "Joyeux Noël",
            "preheader": "Nos vœux de Noël et une petite surprise pour vous.",
            "art_alt": "Un sapin de Noël décoré et des cadeaux",
            "kicker": "Joyeuses fêtes",
            "headline": "Joyeux Noël !",
            "intro": [
                HELLO["fr"],
                "Merci pour votre confiance tout au long de l'année. Nous vous "
                "souhaitons un Noël plein de joie, entouré(e) de ceux que vous "
                "aimez.",
                "Petit cadeau : -10 % sur votre prochaine commande avec le code "
                "NOEL10, jusqu'au 31 décembre.",
            ],
            "cta": "Profiter de mon cadeau",
            "cta_url": "https://example.com/noel",
        },
        "en": {
            "name": "Merry Christmas",
            "description": "Warm Christmas wishes with a gift offer.",
            "title": "Merry Christmas",
            "preheader": "Our Christmas wishes and a little surprise for you.",
            "art_alt": "A decorated Christmas tree and presents",
            "kicker": "Season's greetings",
            "headline": "Merry Christmas!",
            "intro": [
                HELLO["en"],
                "Thank you for your trust all year long. We wish you a joyful "
                "Christmas surrounded by the people you love.",
                "A small gift: 10% off your next order with the code XMAS10, "
                "until 31 December.",
            ],
            "cta": "Claim my gift",
            "cta_url": "https://example.com/christmas",
        },
    },
    {
        "key": "greeting-new-year",
        "category": "greeting",
        "industry": "",
        "art": "new_year",
        "body": "none",
        "colours": palette("#5b21b6", "#db2777", "#f5f3ff"),
        "fr": {
            "name": "Bonne année",
            "description": "Vœux de Nouvel An pour vos clients et partenaires.",
            "title": "Bonne et heureuse année",
            "preheader": "Nos meilleurs vœux pour la nouvelle année.",
            "art_alt": "Des feux d'artifice dans un ciel violet",
            "kicker": "Meilleurs vœux",
            "headline": "Bonne et heureuse année !",
            "intro": [
                HELLO["fr"],
                "Que cette nouvelle année vous apporte santé, réussite et de "
                "beaux projets. Merci d'avoir fait partie de notre aventure : "
                "nous avons hâte de continuer à vos côtés.",
            ],
            "cta": "Découvrir nos nouveautés",
            "cta_url": "https://example.com/nouveautes",
        },
        "en": {
            "name": "Happy New Year",
            "description": "New Year wishes for customers and partners.",
            "title": "Happy New Year",
            "preheader": "Our best wishes for the new year.",
            "art_alt": "Fireworks in a purple sky",
            "kicker": "Best wishes",
            "headline": "Happy New Year!",
            "intro": [
                HELLO["en"],
                "May this new year bring you health, success and exciting "
                "projects. Thank you for being part of our journey: we look "
                "forward to the year ahead with you.",
            ],
            "cta": "See what's new",
            "cta_url": "https://example.com/new",
        },
    },
    {
        "key": "product-launch",
        "category": "announcement",
        "industry": "technology",
        "art": "launch",
        "body": "cards",
        "colours": palette("#1d4ed8", "#0ea5e9", "#eff6ff"),
        "fr": {
            "name": "Lancement de produit",
            "description": "Annoncer un nouveau produit et ses atouts.",
            "title": "Nouveau : découvrez-le en avant-première",
            "preheader": "Il est enfin là. Découvrez-le avant tout le monde.",
            "art_alt": "Une fusée qui décolle",
            "kicker": "Nouveauté",
            "headline": "Il est enfin là !",
            "intro": [
                HELLO["fr"],
                "Après des mois de travail avec nos clients, nous lançons notre "
                "nouvelle offre : plus simple, plus rapide et pensée pour les "
                "connexions mobiles.",
            ],
            "items": [
                ("Rapide", "Fonctionne même en 3G", "✓"),
                ("Simple", "Prêt en 5 minutes", "✓"),
                ("Local", "Support en français", "✓"),
            ],
            "cta": "Essayer gratuitement",
            "cta_url": "https://example.com/lancement",
            "note": "Prix de lancement : 9 900 FCFA par mois pendant 3 mois.",
        },
        "en": {
            "name": "Product launch",
            "description": "Announce a new product and its strengths.",
            "title": "New: be the first to try it",
            "preheader": "It is finally here. Discover it before everyone else.",
            "art_alt": "A rocket taking off",
            "kicker": "Just launched",
            "headline": "It is finally here!",
            "intro": [
                HELLO["en"],
                "After months of work with our customers, we are launching our "
                "new offer: simpler, faster and built for mobile connections.",
            ],
            "items": [
                ("Fast", "Works even on 3G", "✓"),
                ("Simple", "Ready in 5 minutes", "✓"),
                ("Local", "Support in your language", "✓"),
            ],
            "cta": "Try it for free",
            "cta_url": "https://example.com/launch",
            "note": "Launch price: 9,900 FCFA a month for 3 months.",
        },
    },
    {
        "key": "abandoned-cart",
        "category": "transactional",
        "industry": "commerce",
        "art": "cart",
        "body": "menu",
        "colours": palette("#be185d", "#db2777", "#fdf2f8"),
        "fr": {
            "name": "Panier abandonné",
            "description": "Rappeler les articles laissés dans le panier.",
            "title": "Vous avez oublié quelque chose",
            "preheader": "Vos articles vous attendent encore 48 heures.",
            "art_alt": "Un panier d'achat",
            "kicker": "Votre panier",
            "headline": "Vos articles vous attendent",
            "intro": [
                HELLO["fr"],
                "Vous avez laissé des articles dans votre panier. Nous les "
                "gardons de côté pendant 48 heures.",
            ],
            "items": [
                ("Robe en bogolan", "Taille M · 1 article", "22 000 FCFA"),
                ("Bracelet en perles", "Fait main · 2 articles", "7 000 FCFA"),
                ("Livraison", "Dakar et banlieue", "Offerte"),
            ],
            "cta": "Finaliser ma commande",
            "cta_url": "https://example.com/panier",
            "note": "Paiement à la livraison ou par Mobile Money.",
        },
        "en": {
            "name": "Abandoned cart",
            "description": "Remind customers of the items left in their cart.",
            "title": "You left something behind",
            "preheader": "Your items are waiting for you for 48 more hours.",
            "art_alt": "A shopping cart",
            "kicker": "Your cart",
            "headline": "Your items are waiting for you",
            "intro": [
                HELLO["en"],
                "You left some items in your cart. We are keeping them aside "
                "for 48 hours.",
            ],
            "items": [
                ("Kitenge dress", "Size M · 1 item", "22,000 FCFA"),
                ("Beaded bracelet", "Handmade · 2 items", "7,000 FCFA"),
                ("Delivery", "City and suburbs", "Free"),
            ],
            "cta": "Complete my order",
            "cta_url": "https://example.com/cart",
            "note": "Pay on delivery or with mobile money.",
        },
    },
    {
        "key": "payment-reminder",
        "category": "transactional",
        "industry": "services",
        "art": "payment",
        "body": "details",
        "colours": palette("#0f766e", "#d97706", "#f8fafc"),
        "fr": {
            "name": "Rappel de paiement",
            "description": "Relancer une facture avec courtoisie.",
            "title": "Rappel : facture à régler",
            "preheader": "Votre facture arrive à échéance : réglez-la en 2 minutes.",
            "art_alt": "Une facture et un téléphone Mobile Money",
            "kicker": "Rappel de paiement",
            "headline": "Votre facture arrive à échéance",
            "intro": [
                HELLO["fr"],
                "Sauf erreur de notre part, la facture ci-dessous n'a pas encore "
                "été réglée. Si le paiement est en cours, merci de ne pas tenir "
                "compte de ce message.",
            ],
            "items": [
                ("Facture", "N° 2026-0142"),
                ("Montant", "85 000 FCFA"),
                ("Échéance", "30 avril 2026"),
                ("Moyens de paiement", "Orange Money, Wave, virement"),
            ],
            "cta": "Payer ma facture",
            "cta_url": "https://example.com/payer",
            "note": "Besoin d'un délai ? Répondez à cet email, nous trouverons "
            "une solution.",
        },
        "en": {
            "name": "Payment reminder",
            "description": "A courteous reminder about an unpaid invoice.",
            "title": "Reminder: invoice due",
            "preheader": "Your invoice is due: pay it in 2 minutes.",
            "art_alt": "An invoice and a mobile money phone",
            "kicker": "Payment reminder",
            "headline": "Your invoice is due soon",
            "intro": [
                HELLO["en"],
                "Unless we are mistaken, the invoice below has not been paid "
                "yet. If payment is on its way, please disregard this message.",
            ],
            "items": [
                ("Invoice", "No. 2026-0142"),
                ("Amount", "85,000 FCFA"),
                ("Due date", "30 April 2026"),
                ("Payment methods", "Mobile money, bank transfer"),
            ],
            "cta": "Pay my invoice",
            "cta_url": "https://example.com/pay",
            "note": "Need more time? Reply to this email and we will find a way.",
        },
    },
    {
        "key": "restaurant-menu",
        "category": "promotion",
        "industry": "restaurant",
        "art": "restaurant",
        "body": "menu",
        "colours": palette("#b45309", "#dc2626", "#fffbeb"),
        "fr": {
            "name": "Menu du restaurant",
            "description": "Le menu de la semaine avec les prix.",
            "title": "Le menu de la semaine",
            "preheader": "Thiéboudienne, poulet yassa, alloco : réservez votre table.",
            "art_alt": "Une assiette garnie, une fourchette et un couteau",
            "kicker": "Au menu cette semaine",
            "headline": "Le goût de la maison",
            "intro": [
                HELLO["fr"],
                "Notre chef a préparé pour vous un menu de saison, cuisiné "
                "chaque matin avec des produits du marché.",
            ],
            "items": [
                ("Thiéboudienne", "Riz au poisson, légumes du marché", "4 500 FCFA"),
                ("Poulet yassa", "Oignons confits, citron, riz blanc", "4 000 FCFA"),
                (
                    "Alloco et poisson braisé",
                    "Banane plantain, sauce pimentée",
                    "3 500 FCFA",
                ),
                ("Jus de bissap", "Fait maison, bien frais", "1 000 FCFA"),
            ],
            "cta": "Réserver une table",
            "cta_url": "https://example.com/reserver",
            "note": "Livraison à domicile de 11 h à 22 h.",
        },
        "en": {
            "name": "Restaurant menu",
            "description": "The week's menu with prices.",
            "title": "This week's menu",
            "preheader": "Jollof rice, suya, plantain: book your table.",
            "art_alt": "A full plate with a fork and a knife",
            "kicker": "On the menu this week",
            "headline": "A taste of home",
            "intro": [
                HELLO["en"],
                "Our chef has prepared a seasonal menu for you, cooked every "
                "morning with fresh market produce.",
            ],
            "items": [
                ("Jollof rice", "Smoky tomato rice, grilled chicken", "4,500 FCFA"),
                ("Beef suya", "Spiced skewers, onions, yaji", "4,000 FCFA"),
                (
                    "Fried plantain and fish",
                    "Ripe plantain, pepper sauce",
                    "3,500 FCFA",
                ),
                ("Hibiscus juice", "Homemade, served chilled", "1,000 FCFA"),
            ],
            "cta": "Book a table",
            "cta_url": "https://example.com/book",
            "note": "Home delivery from 11 am to 10 pm.",
        },
    },
    {
        "key": "school-update",
        "category": "newsletter",
        "industry": "education",
        "art": "school",
        "body": "articles",
        "colours": palette("#1e40af", "#0891b2", "#eff6ff"),
        "fr": {
            "name": "Nouvelles de l'école ou de l'ONG",
            "description": "Informer parents, membres ou donateurs.",
            "title": "Les nouvelles du trimestre",
            "preheader": "Rentrée, résultats et prochains rendez-vous.",
            "art_alt": "Une toque de diplômé et des livres",
            "kicker": "Nouvelles du trimestre",
            "headline": "Une belle rentrée pour tous",
            "intro": [
                HELLO["fr"],
                "Grâce à votre soutien, 240 élèves ont fait leur rentrée dans "
                "nos classes rénovées. Voici les nouvelles du trimestre.",
            ],
            "items": [
                (
                    "92 % de réussite au BEPC",
                    "Bravo à nos élèves et à leurs enseignants pour ces résultats.",
                ),
                (
                    "Réunion des parents",
                    "Samedi 14 novembre à 10 h, dans la grande salle.",
                ),
            ],
            "cta": "Soutenir nos projets",
            "cta_url": "https://example.com/soutenir",
        },
        "en": {
            "name": "School or NGO update",
            "description": "Keep parents, members or donors informed.",
            "title": "News of the term",
            "preheader": "Back to school, results and upcoming dates.",
            "art_alt": "A graduation cap and books",
            "kicker": "News of the term",
            "headline": "A great start to the school year",
            "intro": [
                HELLO["en"],
                "Thanks to your support, 240 pupils started the year in our "
                "renovated classrooms. Here is the news of the term.",
            ],
            "items": [
                ("92% pass rate", "Congratulations to our pupils and their teachers."),
                (
                    "Parents' meeting",
                    "Saturday 14 November at 10 am, in the main hall.",
                ),
            ],
            "cta": "Support our projects",
            "cta_url": "https://example.com/support",
        },
    },
    {
        "key": "property-listing",
        "category": "announcement",
        "industry": "real_estate",
        "art": "property",
        "body": "details",
        "colours": palette("#065f46", "#ea580c", "#f0fdfa"),
        "fr": {
            "name": "Annonce immobilière",
            "description": "Présenter un bien à vendre ou à louer.",
            "title": "Nouveau bien disponible",
            "preheader": "Villa 4 pièces à Cocody : visite possible cette semaine.",
            "art_alt": "Une maison avec un jardin",
            "kicker": "Nouveau bien",
            "headline": "Villa 4 pièces avec jardin",
            "intro": [
                HELLO["fr"],
                "Nous venons de rentrer un bien qui pourrait vous plaire : une "
                "villa lumineuse dans un quartier calme, proche des écoles.",
            ],
            "items": [
                ("Quartier", "Cocody Riviera 3, Abidjan"),
                ("Surface", "180 m² sur un terrain de 400 m²"),
                ("Pièces", "3 chambres, 2 salles de bain"),
                ("Prix", "95 000 000 FCFA"),
            ],
            "cta": "Planifier une visite",
            "cta_url": "https://example.com/visite",
        },
        "en": {
            "name": "Property listing",
            "description": "Present a property for sale or rent.",
            "title": "New property available",
            "preheader": "4-room villa in East Legon: viewings this week.",
            "art_alt": "A house with a garden",
            "kicker": "New listing",
            "headline": "4-room villa with garden",
            "intro": [
                HELLO["en"],
                "We have just listed a property you might like: a bright villa "
                "in a quiet neighbourhood, close to schools.",
            ],
            "items": [
                ("Area", "East Legon, Accra"),
                ("Size", "180 m² on a 400 m² plot"),
                ("Rooms", "3 bedrooms, 2 bathrooms"),
                ("Price", "95,000,000 FCFA"),
            ],
            "cta": "Book a viewing",
            "cta_url": "https://example.com/viewing",
        },
    },
]
# Marked premium: richer layouts kept for paying plans.
PREMIUM = {"product-launch", "property-listing", "abandoned-cart"}
