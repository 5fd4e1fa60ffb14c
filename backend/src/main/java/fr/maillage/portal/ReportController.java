package fr.maillage.portal;

import fr.maillage.security.InScope;
import fr.maillage.security.Roles;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritoryLevel;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PDF reports per EPCI and per département. The territory page posts the map and chart it drew; a plain GET
 * gives the same report with its tables only.
 */
@Controller("/api/portal/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReportController {

    private static final String PNG_DATA_URL = "data:image/png;base64,";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    /**
     * The images of the page, as PNG data URLs, and the period shown.
     *
     * @param map the territory's map
     * @param chart the comparison chart
     */
    @Serdeable
    record PageImages(@Nullable String from, @Nullable String to, @Nullable String map, @Nullable String chart) {}

    private final TerritoryReport report;
    private final Clock clock = Clock.systemUTC();

    ReportController(TerritoryReport report) {
        this.report = report;
    }

    @Get(uri = "/{level}/{code}.pdf", produces = "application/pdf")
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "code", aggregated = true)
    HttpResponse<byte[]> tablesOnly(@PathVariable String level, @PathVariable String code,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to) throws SQLException, IOException {
        return pdf(level, code, Period.parse(from, to, clock), List.of());
    }

    @Post(uri = "/{level}/{code}.pdf", produces = "application/pdf")
    @Secured({Roles.COORDINATOR, Roles.EVALUATOR, Roles.ADMIN})
    @InScope(level = "level", codes = "code", aggregated = true)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    HttpResponse<byte[]> withImages(@PathVariable String level, @PathVariable String code, @Body PageImages page)
            throws SQLException, IOException {
        List<TerritoryReport.Picture> pictures = new ArrayList<>();
        if (page.map() != null && !page.map().isBlank()) {
            pictures.add(new TerritoryReport.Picture("Carte : téléconsultations pour 1 000 habitants", png(page.map())));
        }
        if (page.chart() != null && !page.chart().isBlank()) {
            pictures.add(new TerritoryReport.Picture("Territoire, département et réseau", png(page.chart())));
        }
        return pdf(level, code, Period.parse(page.from(), page.to(), clock), pictures);
    }

    private HttpResponse<byte[]> pdf(String level, String code, Period period, List<TerritoryReport.Picture> pictures)
            throws SQLException, IOException {
        TerritorySelection selection = TerritorySelection.parse(level, code);
        if (selection.level() == TerritoryLevel.COMMUNES || selection.codes().size() != 1) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "reports are made for one EPCI or one département");
        }
        byte[] body = report.render(selection, period, pictures);
        return HttpResponse.ok(body)
                .contentType(MediaType.of("application/pdf"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"rapport-" + selection.level().path() + "-" + code + ".pdf\"");
    }

    private static byte[] png(String dataUrl) {
        if (!dataUrl.startsWith(PNG_DATA_URL)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "images must be PNG data URLs");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(dataUrl.substring(PNG_DATA_URL.length()));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "image is not valid base64: " + e.getMessage());
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes.length <= i || bytes[i] != PNG_SIGNATURE[i]) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "image is not a PNG");
            }
        }
        return bytes;
    }
}
