/// The word lists the synthesizer draws from: guide names, NPS reasons, poll questions and
/// answers in several languages (non-ASCII, emoji, quotes included), user agents, names.
enum SynthText {
    static let guideNames: [String] = [
        "Onboarding tour", "Welcome back!", "New dashboard walkthrough", "Release notes – March",
        "Visite guidée de l’éditeur", "Nouveautés : rapports planifiés", "Willkommen – Überblick in 3 Schritten",
        "Neue Exportfunktion 🚀", "新機能のお知らせ", "ダッシュボードの使い方", "Novidades da versão 4.2",
        "Guía rápida: “Mis proyectos”", "Tip: keyboard shortcuts ⌨️", "Billing page \"what's new\"",
        "Upgrade prompt (trial day 7)", "Integrations: Slack & Teams", "Принять условия использования",
        "Kurumsal SSO kurulumu", "数据导出向导", "Feedback wanted 🙏", "Dark mode is here 🌙",
        "Report builder — step by step", "Préférences de notification", "Nieuw: gedeelde mappen",
    ]

    static let pollQuestions: [String] = [
        "How useful was this release?", "Was this guide helpful?", "Qu’avez-vous pensé du nouvel éditeur ?",
        "Wie zufrieden sind Sie mit dem Export?", "この機能は役に立ちましたか？", "Which feature should we build next?",
        "¿Recomendarías esta función a un colega?", "Rate the new \"Reports\" page",
    ]

    static let pollResponses: [String] = [
        "Very useful", "Somewhat useful", "Not useful", "Yes", "No", "Très utile", "Pas vraiment",
        "Sehr zufrieden", "とても役に立った", "Bulk editing", "Better search 🔍", "5", "4", "3", "👍", "Sí, claro",
        "Offline mode, please!", "Dark mode \"everywhere\"",
    ]

    static let npsReasons: [String] = [
        "", "", "", "Great product, saves me hours every week.", "Support was quick and friendly 🙌",
        "Too slow when the report has more than 10k rows.", "Le nouvel éditeur est génial, merci !",
        "Manque une intégration avec notre CRM.", "Sehr intuitiv, aber die Suche könnte besser sein.",
        "Preise sind zu hoch für kleine Teams.", "とても使いやすいです。", "日本語のサポートが欲しい",
        "Muito bom, mas trava às vezes.", "Me encanta la nueva vista de calendario 😍", "搜索功能需要改进",
        "It's \"fine\" – does the job.", "Лучший инструмент для нашей команды", "ok",
        "I'd recommend it, though onboarding took a while.\nThe docs helped.",
        "Exporting to CSV breaks umlauts (ä, ö, ü) – please fix!",
        "Honestly? It's the only tool our whole team agrees on. Reporting, dashboards, the guides – everything just works, and when it doesn't, support answers within the hour. Ten out of ten would recommend to any product team looking for something that scales with them. 🎉🎉",
    ]

    static let usernames: [String] = [
        "pm.lead@acme.example", "onboarding@acme.example", "marie.dupont@acme.example",
        "k.tanaka@acme.example", "growth-team@acme.example", "j.müller@acme.example",
    ]

    static let stepTypes: [String] = [
        "building-block", "building-block", "building-block", "lightbox", "tooltip", "banner", "",
    ]

    static let languages: [String] = [
        "en-US", "en-US", "en-US", "en-US", "en-GB", "fr-FR", "fr-FR", "de-DE", "de-DE", "ja-JP",
        "pt-BR", "es-ES", "zh-CN", "nl-NL", "",
    ]

    static let firstNames: [String] = [
        "ana", "ben", "chloe", "david", "emma", "farid", "giulia", "hiro", "ines", "jonas", "kenji", "lea", "marta",
        "noah", "olga", "pierre", "quinn", "rosa", "sven", "tara",
    ]
    static let lastNames: [String] = [
        "silva", "martin", "schmidt", "tanaka", "dubois", "rossi", "nguyen", "kowalski", "garcia", "smith", "jensen",
        "haddad", "costa", "weber", "sato",
    ]
    static let companies: [String] = [
        "northwind", "globex", "initech", "umbrella", "hooli", "vandelay", "stark", "wayne", "tyrell", "cyberdyne",
        "soylent", "wonka", "acme", "oscorp", "aperture",
    ]

    static let webUserAgents: [(String, Double)] = [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            34
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            18
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
            12
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
            14
        ),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", 7),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", 4),
        ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", 2),
    ]

    static let iosUserAgents: [(String, Double)] = [
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            70
        ),
        ("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", 30),
    ]

    static let androidUserAgents: [(String, Double)] = [
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
            45
        ),
        (
            "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.118 Mobile Safari/537.36",
            55
        ),
    ]

    static let pages: [(String, String)] = [
        ("Dashboard", "/app/dashboard"), ("Reports", "/app/reports"), ("Report editor", "/app/reports/edit"),
        ("Settings – Profile", "/app/settings/profile"), ("Billing", "/app/settings/billing"),
        ("Projects", "/app/projects"), ("Project detail", "/app/projects/view"), ("Integrations", "/app/integrations"),
        ("Help centre", "/help"), ("Équipe", "/app/team"),
    ]

    static let features: [String] = [
        "Export CSV button", "Create report", "Share link", "Filter dropdown", "Save view", "Invite teammate",
        "Dark mode toggle", "Search bar", "Bouton « Publier »", "Schnellfilter",
    ]

    static let trackEvents: [String] = [
        "report_exported", "project_created", "invite_sent", "plan_upgraded", "search_performed", "file_uploaded",
    ]

    static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
