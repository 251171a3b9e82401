"""What the personal page shows, in its order: what now, then what one has, then who one is.
Shared by the test-client and the browser tests of the page."""

SECTIONS = [
    "Prochaine étape",
    "Émargement",
    "Mini-conférence",
    "Mes équipes",
    "Mon évaluation",
    "Défis choisis",
    "Repas et soirées",
    "Mon programme jour par jour",
    "Mon intention d’apprentissage",
    "Mes informations",
    "Gérer mon inscription",
]
