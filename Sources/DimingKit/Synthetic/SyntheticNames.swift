/// Word pools for synthetic places: common surnames and the endings of north-China village names.
enum SyntheticNames {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文").map(String.init)
    static let villageEndings = ["庄", "村", "屯", "集", "寨", "楼", "营", "店", "家庄", "官庄", "家村", "堂", "园", "洼", "口"]
    static let villagePrefixes = ["前", "后", "东", "西", "南", "北", "大", "小", "新"]
    static let townStems = ["安乐", "清平", "永丰", "太平", "兴隆", "广丰", "双庙", "白塔", "仁和", "新集", "柳林", "石佛",
                            "龙山", "梁堤", "古城", "定远", "侨润", "寿张", "阿城", "七级", "金斗", "十五里", "博平", "郝集"]
    static let roadStems = ["幸福", "富民", "兴业", "振兴", "和谐", "丰收", "安康", "利民", "银杏", "槐荫", "柳园", "育才",
                            "文化", "建设", "团结", "光明", "永安", "康宁", "泰和", "瑞祥", "长青", "惠民", "同心", "德润"]
}
