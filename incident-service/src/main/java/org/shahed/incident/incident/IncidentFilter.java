package org.shahed.incident.incident;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.QueryParam;

/** The filters of the incident list and exports, as query parameters. All are optional and combine with AND. */
public class IncidentFilter {
    @QueryParam("q")
    @Parameter(description = "Full-text search in titles, narratives and place names, in Arabic or English; tolerant of spelling variants", example = "qouriyah")
    public String q;

    @QueryParam("place")
    @Parameter(description = "Place name or alias in any script", example = "القورية")
    public String place;

    @QueryParam("from")
    @Parameter(description = "Incidents starting at or after this instant", example = "2016-06-01T00:00:00Z")
    public OffsetDateTime from;

    @QueryParam("to")
    @Parameter(description = "Incidents starting before this instant", example = "2016-07-01T00:00:00Z")
    public OffsetDateTime to;

    @QueryParam("adminCode")
    @Parameter(description = "OCHA P-code of an administrative area at any level", example = "SY09")
    public String adminCode;

    @QueryParam("type")
    @Parameter(description = "Incident type code", example = "airstrike")
    public String type;

    @QueryParam("perpetrator")
    @Parameter(description = "Alleged perpetrator's party code", example = "russian-forces")
    public String perpetrator;

    @QueryParam("attribution")
    @Parameter(description = "Confidence grade of an attribution (Airwars scale)", example = "fair")
    public String attribution;

    @QueryParam("status")
    @Parameter(description = "Workflow status (partners always get published ones only)", example = "published")
    public String status;

    @QueryParam("patternFlag")
    @Parameter(description = "Pattern flag code", example = "indiscriminate")
    public String patternFlag;

    @QueryParam("updatedSince")
    @Parameter(description = "Incidents changed at or after this instant", example = "2026-11-01T00:00:00Z")
    public OffsetDateTime updatedSince;

    @QueryParam("bbox")
    @Parameter(description = "Bounding box minLon,minLat,maxLon,maxLat", example = "40.0,34.5,41.0,35.5")
    public String bbox;
}
