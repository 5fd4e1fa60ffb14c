package fr.maillage.agent.session;

import fr.maillage.agent.commune.Commune;
import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile.AgeBand;
import fr.maillage.contract.PatientProfile.Sex;
import fr.maillage.contract.SessionDetails.Agreement;
import fr.maillage.contract.SessionDetails.Outcome;
import fr.maillage.contract.SessionDetails.PhysicianSpecialty;
import fr.maillage.contract.SessionDetails.ProfessionalRole;
import fr.maillage.contract.SessionDetails.RecourseReason;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The form's HTML: plain server-rendered pages with native controls, so the keyboard (tab, arrows, enter)
 * and a tablet's touch both work without any script.
 */
final class FormPage {

    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(FRANCE);
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;font-size:18px;margin:0 auto;max-width:46rem;padding:1rem;color:#1b1b1b}
            h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}
            label{display:block;font-weight:600;margin-top:1rem}
            select,input[type=text],input[type=number]{font-size:1.1rem;padding:.6rem;width:100%;box-sizing:border-box}
            fieldset{margin-top:1rem;border:1px solid #999}legend{font-weight:600}
            fieldset label{display:inline-block;font-weight:400;margin:.4rem 1.2rem .4rem 0;min-height:44px}
            input[type=checkbox]{width:1.4rem;height:1.4rem;vertical-align:middle}
            button{font-size:1.1rem;padding:.8rem 1.4rem;margin-top:1.2rem;min-height:48px;cursor:pointer}
            :focus{outline:3px solid #0a58ca;outline-offset:2px}
            .ok{background:#e6f4ea;border-left:6px solid #1e7e34;padding:.8rem}
            .errors{background:#fdecea;border-left:6px solid #b3261e;padding:.8rem}
            .field-error{color:#b3261e;font-weight:600}
            table{width:100%;border-collapse:collapse}td,th{padding:.5rem;border-bottom:1px solid #ccc;text-align:left}
            """;

    private final String siteName;
    private final List<Commune> communes;

    FormPage(String siteName, CommuneDirectory directory) {
        this.siteName = siteName;
        this.communes = directory.all();
    }

    /** The start form and the list of open sessions. */
    String home(List<OpenSession> open, String message, List<Problem> problems, Map<String, String> values) {
        StringBuilder body = new StringBuilder();
        notices(body, message, problems);
        body.append("<h2 id=\"demarrer\">Démarrer une téléconsultation</h2>")
                .append("<form method=\"post\" action=\"/start\" aria-labelledby=\"demarrer\">");
        select(body, "professional", "Professionnel qui accompagne le patient *", ProfessionalRole.values(), values,
                problems, true, true);
        select(body, "specialty", "Spécialité du médecin téléconsultant", PhysicianSpecialty.values(), values,
                problems, false, false);
        body.append("<button type=\"submit\">Démarrer la séance</button></form>");
        body.append("<h2>Séances en cours</h2>");
        if (open.isEmpty()) {
            body.append("<p>Aucune séance en cours.</p>");
        } else {
            body.append("<table><thead><tr><th>Début</th><th>Accompagnant</th><th>Actions</th></tr></thead><tbody>");
            for (OpenSession session : open) {
                String id = session.sessionId().toString();
                body.append("<tr><td>").append(TIME.format(session.startedAt())).append("</td><td>")
                        .append(Html.escape(Labels.french(session.professional()))).append("</td><td>")
                        .append("<a href=\"/end?session=").append(id).append("\">Terminer</a> ")
                        .append("<form method=\"post\" action=\"/cancel\" style=\"display:inline\">")
                        .append("<input type=\"hidden\" name=\"session\" value=\"").append(id).append("\">")
                        .append("<button type=\"submit\">Annuler la séance</button></form></td></tr>");
            }
            body.append("</tbody></table>");
        }
        return page("Téléconsultation assistée", body);
    }

    /** The end-of-session form. */
    String end(String sessionId, List<Problem> problems, Map<String, String> values, List<String> devices) {
        StringBuilder body = new StringBuilder();
        notices(body, null, problems);
        body.append("<h2 id=\"fin\">Fin de la téléconsultation</h2>")
                .append("<p>Aucune donnée identifiante : ni nom, ni date de naissance, ni adresse.</p>")
                .append("<form method=\"post\" action=\"/end\" aria-labelledby=\"fin\">")
                .append("<input type=\"hidden\" name=\"session\" value=\"").append(Html.escape(sessionId)).append("\">");
        select(body, "reason", "Motif de recours *", RecourseReason.values(), values, problems, true, true);
        select(body, "outcome", "Issue de la consultation *", Outcome.values(), values, problems, true, false);
        select(body, "specialty", "Spécialité du médecin téléconsultant", PhysicianSpecialty.values(), values,
                problems, false, false);
        select(body, "age-band", "Tranche d'âge du patient", AgeBand.values(), values, problems, false, false);
        select(body, "sex", "Sexe", Sex.values(), values, problems, false, false);
        body.append("<label for=\"commune\">Commune de résidence (nom ou code INSEE)</label>")
                .append("<input type=\"text\" id=\"commune\" name=\"commune\" list=\"communes\" autocomplete=\"off\"")
                .append(" value=\"").append(Html.escape(values.get("commune"))).append("\">");
        fieldError(body, "commune", problems);
        body.append("<datalist id=\"communes\">");
        for (Commune commune : communes) {
            body.append("<option value=\"").append(Html.escape(commune.label())).append("\">");
        }
        body.append("</datalist>");
        body.append("<label for=\"regular-doctor\">Le patient a-t-il un médecin traitant ?</label>")
                .append("<select id=\"regular-doctor\" name=\"regular-doctor\">");
        for (String[] option : new String[][] {{"", "Inconnu"}, {"oui", "Oui"}, {"non", "Non"}}) {
            body.append("<option value=\"").append(option[0]).append('"')
                    .append(option[0].equals(values.getOrDefault("regular-doctor", "")) ? " selected" : "")
                    .append('>').append(option[1]).append("</option>");
        }
        body.append("</select>");
        fieldError(body, "regular-doctor", problems);
        body.append("<fieldset><legend>Périphériques utilisés</legend>");
        for (DeviceKind device : Labels.PERIPHERALS) {
            body.append("<label><input type=\"checkbox\" name=\"devices\" value=\"").append(device.name()).append('"')
                    .append(devices.contains(device.name()) ? " checked" : "").append("> ")
                    .append(Html.escape(Labels.french(device))).append("</label>");
        }
        body.append("</fieldset>");
        fieldError(body, "devices", problems);
        body.append("<label for=\"satisfaction\">Satisfaction du patient (0 à 10)</label>")
                .append("<input type=\"number\" id=\"satisfaction\" name=\"satisfaction\" min=\"0\" max=\"10\"")
                .append(" inputmode=\"numeric\" value=\"").append(Html.escape(values.get("satisfaction"))).append("\">");
        fieldError(body, "satisfaction", problems);
        // One tap per answer, and "no answer" first and preselected: the question may be skipped.
        body.append("<fieldset><legend>Pour vous, professionnel : cette pratique renforce votre rôle</legend>")
                .append("<label><input type=\"radio\" name=\"role-strengthened\" value=\"\"")
                .append(values.getOrDefault("role-strengthened", "").isEmpty() ? " checked" : "")
                .append("> Sans réponse</label>");
        for (Agreement answer : Agreement.values()) {
            body.append("<label><input type=\"radio\" name=\"role-strengthened\" value=\"").append(answer.name())
                    .append('"').append(answer.name().equals(values.get("role-strengthened")) ? " checked" : "")
                    .append("> ").append(Html.escape(Labels.french(answer))).append("</label>");
        }
        body.append("</fieldset>");
        fieldError(body, "role-strengthened", problems);
        body.append("<button type=\"submit\">Enregistrer la fin de séance</button></form>")
                .append("<p><a href=\"/\">Retour</a></p>");
        return page("Fin de téléconsultation", body);
    }

    private void notices(StringBuilder body, String message, List<Problem> problems) {
        if (message != null) {
            body.append("<p class=\"ok\" role=\"status\">").append(Html.escape(message)).append("</p>");
        }
        if (!problems.isEmpty()) {
            body.append("<div class=\"errors\" role=\"alert\"><p>À corriger :</p><ul>");
            for (Problem problem : problems) {
                body.append("<li>").append(Html.escape(problem.message())).append("</li>");
            }
            body.append("</ul></div>");
        }
    }

    private static void select(StringBuilder body, String name, String label, Enum<?>[] options,
            Map<String, String> values, List<Problem> problems, boolean required, boolean autofocus) {
        body.append("<label for=\"").append(name).append("\">").append(Html.escape(label)).append("</label>")
                .append("<select id=\"").append(name).append("\" name=\"").append(name).append('"')
                .append(required ? " required" : "").append(autofocus ? " autofocus" : "").append('>')
                .append("<option value=\"\">").append(required ? "— choisir —" : "Non renseigné").append("</option>");
        for (Enum<?> option : options) {
            body.append("<option value=\"").append(option.name()).append('"')
                    .append(Objects.equals(values.get(name), option.name()) ? " selected" : "").append('>')
                    .append(Html.escape(Labels.french(option))).append("</option>");
        }
        body.append("</select>");
        fieldError(body, name, problems);
    }

    private static void fieldError(StringBuilder body, String name, List<Problem> problems) {
        problems.stream().filter(p -> p.field().equals(name)).forEach(p -> body
                .append("<p class=\"field-error\">").append(Html.escape(p.message())).append("</p>"));
    }

    private String page(String title, StringBuilder body) {
        return "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head><body>"
                + "<h1>" + Html.escape(siteName) + "</h1>" + body + "</body></html>";
    }
}
