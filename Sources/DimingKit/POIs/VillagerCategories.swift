/// The categories a villager picks from, in everyday words (快递点, 民宿, 采摘园, 合作社 …), each
/// mapped to a key of the category table (`GeoData/pois/categories.tsv`) that deliveries use.
public enum VillagerCategories {
    public static let all: [(word: String, key: String)] = [
        ("快递点", "parcel_point"), ("村邮站", "parcel_point"), ("农家乐", "farm_stay"), ("民宿", "farm_stay"),
        ("采摘园", "orchard"), ("合作社", "cooperative"), ("种植基地", "farm_base"), ("养殖场", "farm_base"),
        ("特产店", "specialty"), ("卫生室", "clinic"), ("幸福院", "elderly_home"), ("幸福食堂", "elderly_canteen"),
        ("村委会", "village_committee"), ("党群服务中心", "service_centre"), ("景点", "attraction"),
    ]

    /// The category key of an everyday word, or nil.
    public static func key(_ word: String) -> String? { all.first { $0.word == word }?.key }
}
