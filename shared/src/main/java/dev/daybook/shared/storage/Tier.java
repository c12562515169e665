package dev.daybook.shared.storage;

/** Storage tiers, fastest first: hot (local SSD), warm (local disk or GCS Standard), cold (GCS Nearline/Coldline). */
public enum Tier {
    HOT,
    WARM,
    COLD
}
