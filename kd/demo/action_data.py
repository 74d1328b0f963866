"""Demo actions: realistic requests, one won with evidence, one proposal waiting for review."""
from datetime import date

ACTIONS = (
    dict(
        slug="ask-travelbooker-to-list-kosovo", status="open", proposal=False,
        title_en="Ask TravelBooker to list Kosovo in its country list",
        title_sq="Kërkoji TravelBooker-it ta shtojë Kosovën në listën e shteteve",
        target_name="TravelBooker", target_website="https://travelbooker.example.com", target_kind="company",
        problem_en="At sign-up, the country list has no Kosovo: people from Kosovo must pick Serbia or “Other”.",
        problem_sq="Gjatë regjistrimit, lista e shteteve nuk e ka Kosovën: njerëzit nga Kosova duhet të zgjedhin "
                   "Serbinë ose “Tjetër”.",
        request_en="Hello,\n\nI am a customer from Kosovo. Your sign-up form does not list Kosovo. Kosovo has "
                   "its own country code (XK), used by the EU, SWIFT and many companies. Please add Kosovo to "
                   "your country list.\n\nThank you.",
        request_sq="Përshëndetje,\n\nJam klient nga Kosova. Formulari juaj i regjistrimit nuk e ka Kosovën. "
                   "Kosova ka kodin e vet të shtetit (XK), që e përdorin BE-ja, SWIFT-i dhe shumë kompani. Ju "
                   "lutem shtojeni Kosovën në listën tuaj.\n\nFaleminderit.",
        email_to="support@travelbooker.example.com", web_form_url="", social_account="@TravelBooker",
        social_post_en="@TravelBooker please add Kosovo to your country list at sign-up.",
        social_post_sq="@TravelBooker ju lutem shtojeni Kosovën në listën e shteteve.",
        hashtag="KosovoOnTheMap", starts_on=date(2026, 1, 15)),
    dict(
        slug="kosovo-in-country-code-lists", status="open", proposal=False,
        title_en="Ask standards bodies to give Kosovo a country code",
        title_sq="Kërkoju organeve të standardeve t'i japin Kosovës kod shteti",
        target_name="ISO 3166 Maintenance Agency", target_website="https://www.iso.org",
        target_kind="standards_body",
        problem_en="Kosovo uses the provisional code XK, which many systems do not accept.",
        problem_sq="Kosova përdor kodin e përkohshëm XK, të cilin shumë sisteme nuk e pranojnë.",
        request_en="Please assign Kosovo an official country code so that software and services can list it.",
        request_sq="Ju lutem caktojini Kosovës një kod zyrtar shteti, që programet dhe shërbimet ta listojnë.",
        email_to="", web_form_url="https://www.iso.org/contact-iso.html", social_account="",
        social_post_en="", social_post_sq="", hashtag="KosovoOnTheMap", starts_on=date(2025, 11, 1)),
    dict(
        slug="kosovo-deserves-visa-free", status="won", proposal=False, won_on=date(2024, 1, 1),
        evidence_url="https://home-affairs.ec.europa.eu/policies/schengen-borders-and-visa/visa-policy_en",
        title_en="Kosovo deserves visa-free travel", title_sq="Kosova meriton liberalizimin e vizave",
        target_name="Council of the European Union", target_website="https://www.consilium.europa.eu",
        target_kind="international_organisation",
        problem_en="Kosovo was the last country in the Western Balkans whose citizens needed a Schengen visa.",
        problem_sq="Kosova ishte vendi i fundit në Ballkanin Perëndimor, qytetarët e të cilit kishin nevojë "
                   "për vizë Shengen.",
        request_en="Kosovo has met every benchmark. Please approve visa-free travel for its citizens.",
        request_sq="Kosova i ka përmbushur të gjitha kriteret. Ju lutem miratoni lëvizjen pa viza për "
                   "qytetarët e saj.",
        email_to="", web_form_url="", social_account="@EUCouncil",
        social_post_en="Kosovo has met every benchmark. #KosovoDeservesVisaFree",
        social_post_sq="Kosova i ka përmbushur të gjitha kriteret. #KosovoDeservesVisaFree",
        hashtag="KosovoDeservesVisaFree", starts_on=date(2018, 7, 18)),
    dict(
        slug="ask-fitnesstrack-to-list-kosovo", status="open", proposal=True,
        title_en="Ask FitnessTrack to show Kosovo on its maps",
        title_sq="Kërkoji FitnessTrack-ut ta tregojë Kosovën në harta",
        target_name="FitnessTrack", target_website="https://fitnesstrack.example.com", target_kind="company",
        problem_en="Runs recorded in Prishtina are shown as Serbia.",
        problem_sq="Vrapimet e regjistruara në Prishtinë shfaqen si në Serbi.",
        request_en="Please show Kosovo as its own country on your maps and in your statistics.",
        request_sq="Ju lutem tregojeni Kosovën si shtet më vete në hartat dhe statistikat tuaja.",
        email_to="help@fitnesstrack.example.com", web_form_url="", social_account="",
        social_post_en="", social_post_sq="", hashtag="", starts_on=date(2026, 2, 1)),
)
