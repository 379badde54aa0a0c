package org.shahed.casualty.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.ws.rs.QueryParam;

/** Filters of the casualty list and exports; all optional, combined with AND. */
public class CasualtyFilter {
    @QueryParam("name")
    @Parameter(description = "Name in Arabic or Latin script, tolerant of spelling variants (partners: only names published with consent)", example = "Khalaf")
    public String name;
    @QueryParam("incidentId")
    @Parameter(description = "Records of this incident")
    public UUID incidentId;
    @QueryParam("outcome")
    @Parameter(description = "killed, injured, missing, detained or enforced-disappearance", example = "killed")
    public String outcome;
    @QueryParam("sex")
    @Parameter(description = "female, male or unknown")
    public String sex;
    @QueryParam("ageGroup")
    @Parameter(description = "child, adult or unknown (derived from the record)")
    public String ageGroup;
    @QueryParam("status")
    @Parameter(description = "civilian, other-protected-person, armed-forces-member, direct-participant or unknown")
    public String status;
    @QueryParam("role")
    @Parameter(description = "medical-worker, civil-defence-rescuer, media-worker or humanitarian-worker")
    public String role;
    @QueryParam("from")
    @Parameter(description = "Date of death or injury on or after", example = "2016-06-01")
    public LocalDate from;
    @QueryParam("to")
    @Parameter(description = "Date of death or injury on or before", example = "2016-06-30")
    public LocalDate to;
    @QueryParam("sourceSystem")
    @Parameter(description = "Records of this source system (with externalId: the one record of that source record)", example = "snhr-victims-db")
    public String sourceSystem;
    @QueryParam("externalId")
    @Parameter(description = "The record's id in its source system", example = "AQ-2016-0001")
    public String externalId;
    @QueryParam("updatedSince")
    @Parameter(description = "Records changed at or after this instant", example = "2026-11-01T00:00:00Z")
    public OffsetDateTime updatedSince;
    @QueryParam("adminCode")
    @Parameter(description = "OCHA P-code of the place at any level (e.g. the governorate)", example = "SY09")
    public String adminCode;
}
