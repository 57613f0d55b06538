/*
 * synth.c - gongshi-synth: a synthetic content folder for benchmarks and
 * scale tests.
 *
 *   gongshi-synth --decisions N --out DIR [--seed S] [--from CONTENT_DIR]
 *                 [--change PCT]
 *
 * Copies site.yaml, calendar/YYYY.csv, pages/ and data/phrases.csv from
 * CONTENT_DIR (default "content") and writes data/agencies.csv (20
 * agencies), officers.csv (max(60, N/200), at most 5000), decisions.csv (N
 * rows, about 600 bytes each, dated 2022-01-01 .. 2026-11-20 in date
 * order), powers.csv (200) and inspections.csv (60).  Everything is
 * fictional: ID numbers use the non-existent region 419999, with correct
 * GB 11643 and GB 32100 check characters.
 *
 * Output is a function of the seed only.  Every decision row draws from its
 * own PRNG stream (splitmix64 keyed by seed and row number), so --change PCT
 * alters the 执法结论 of about PCT percent of the rows, spread evenly over
 * the file, and leaves every other byte as it was.  Rows are written as they
 * are made: memory does not grow with N.
 *
 * Exit status: 0 done, 1 a file could not be read or written, 2 usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dates.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the fictional county: agencies and what they enforce ---- */

typedef struct {
    const char *type, *basis, *object, *detail;
} vtype;

typedef struct {
    const char *name, *abbr, *prefix, *duty, *review;
    const char *permit, *pclass, *cert; /* cert "" = no certificate */
    int years, weight;                  /* permit validity; share of the decisions */
    vtype v[3];
} agency;

#define GOV "示例县人民政府"
static const agency AG[] = {
    {"示例县市场监督管理局", "SJ", "示县市监", "食品安全、特种设备、产品质量、价格和广告监督管理", GOV, "食品经营许可", "普通", "食品经营许可证", 5, 18,
     {{"销售超过保质期的食品", "《中华人民共和国食品安全法》第三十四条第（十）项、第一百二十四条第一款第（五）项", "食品销售经营者", "货架上陈列销售的预包装食品已超过标签标示的保质期"},
      {"不按规定明码标价", "《中华人民共和国价格法》第十三条第一款、第四十二条", "商品零售经营者", "销售的商品未按规定明码标价，部分价签与实物不符"},
      {"销售不合格产品", "《中华人民共和国产品质量法》第三十九条、第五十条", "产品销售者", "销售的产品经监督抽检不符合国家标准"}}},
    {"示例县自然资源局", "ZR", "示县自然资", "土地、矿产资源管理和不动产登记", GOV, "建设用地规划许可", "普通", "建设用地规划许可证", 0, 6,
     {{"非法占用土地", "《中华人民共和国土地管理法》第七十七条第一款；《中华人民共和国土地管理法实施条例》第五十八条", "用地单位", "未经批准擅自占用集体土地建设厂房"},
      {"未取得采矿许可证擅自采矿", "《中华人民共和国矿产资源法》第三条第三款；《中华人民共和国矿产资源法实施细则》第四十二条", "采矿权人", "未取得采矿许可证擅自开采建筑用砂"},
      {"未按规定履行矿山地质环境治理义务", "《矿山地质环境保护规定》第三十条", "采矿权人", "未按批准的方案履行矿山地质环境治理恢复义务"}}},
    {"示例县交通运输局", "JT", "示县交", "公路、道路运输和水路运输行业管理", GOV, "道路货物运输经营许可", "普通", "道路运输经营许可证", 4, 9,
     {{"违法超限运输", "《公路安全保护条例》第三十五条、第六十四条", "货物运输车辆", "驾驶的重型货车经检测车货总质量超过规定限值"},
      {"未取得道路运输经营许可从事货物运输经营", "《中华人民共和国道路运输条例》第二十四条、第六十三条", "道路运输经营者", "未取得道路运输经营许可擅自从事普通货物运输经营"},
      {"未取得网约车运输证从事网约车经营", "《网络预约出租汽车经营服务管理暂行办法》第十三条、第三十四条", "网约车驾驶员", "驾驶未取得网约车运输证的车辆通过平台接单营运"}}},
    {"示例县卫生健康委员会", "WJ", "示县卫", "医疗机构、公共场所卫生和传染病防治监督", GOV, "公共场所卫生许可", "普通", "公共场所卫生许可证", 4, 7,
     {{"公共场所从业人员未取得健康合格证明", "《公共场所卫生管理条例实施细则》第十条、第三十八条", "公共场所经营者", "安排未取得有效健康合格证明的人员直接为顾客服务"},
      {"未取得医疗机构执业许可证擅自执业", "《中华人民共和国基本医疗卫生与健康促进法》第三十八条、第九十九条", "医疗机构", "未取得医疗机构执业许可证擅自开展诊疗活动"},
      {"医疗废物未分类收集", "《医疗废物管理条例》第十六条、第四十六条", "医疗卫生机构", "未将医疗废物按照类别分置于专用包装物内"}}},
    {"示例县应急管理局", "YJ", "示县应急", "安全生产综合监督管理和应急救援", GOV, "烟花爆竹经营（零售）许可", "普通", "烟花爆竹经营（零售）许可证", 1, 7,
     {{"未按规定对从业人员进行安全生产教育和培训", "《中华人民共和国安全生产法》第二十八条、第九十七条", "工贸企业", "新入职从业人员未经安全生产教育和培训即上岗作业"},
      {"未采取措施消除事故隐患", "《中华人民共和国安全生产法》第四十一条、第一百零二条", "生产经营单位", "生产车间存在的事故隐患逾期未整改消除"},
      {"未经许可经营烟花爆竹", "《烟花爆竹安全管理条例》第三条、第三十六条", "烟花爆竹零售点", "未取得许可在店内存放并销售烟花爆竹"}}},
    {"示例市生态环境局示例县分局", "HB", "示环县", "生态环境监督管理和环境执法", "示例市生态环境局", "排污许可", "普通", "排污许可证", 5, 7,
     {{"超标排放大气污染物", "《中华人民共和国大气污染防治法》第十八条、第九十九条", "排污单位", "排气筒颗粒物排放浓度超过排放标准限值"},
      {"建设项目未依法报批环境影响评价文件擅自开工建设", "《中华人民共和国环境影响评价法》第二十五条、第三十一条", "建设单位", "建设项目未依法报批环境影响评价文件即开工建设"},
      {"未按规定贮存危险废物", "《中华人民共和国固体废物污染环境防治法》第七十七条、第一百一十二条", "产生危险废物的单位", "将废机油等危险废物露天堆放且未设置识别标志"}}},
    {"示例县城市管理局", "CG", "示县城管", "市容环境卫生、建筑垃圾和户外广告管理", GOV, "城市建筑垃圾处置核准", "核准", "城市建筑垃圾处置核准证", 0, 8,
     {{"运输建筑垃圾沿途遗撒", "《城市市容和环境卫生管理条例》第十五条、第三十六条", "建筑垃圾运输企业", "运输建筑垃圾未采取密闭措施造成沿途遗撒"},
      {"随意倾倒建筑垃圾", "《城市建筑垃圾管理规定》第十五条、第二十六条", "施工单位", "在路边空地随意倾倒建筑垃圾"},
      {"未取得建设工程规划许可证进行建设", "《中华人民共和国城乡规划法》第四十条、第六十四条", "建设单位", "未取得建设工程规划许可证擅自搭建建筑物"}}},
    {"示例县农业农村局", "NY", "示县农", "种子、农药、兽药和渔业资源监督管理", GOV, "农药经营许可", "普通", "农药经营许可证", 5, 5,
     {{"经营假农药", "《农药管理条例》第四十四条、第五十五条", "农药经营者", "经营的农药经检验有效成分含量与标签不符"},
      {"销售假种子", "《中华人民共和国种子法》第四十八条、第七十五条", "种子经营者", "销售的玉米种子经鉴定与标签标注品种不符"},
      {"使用电鱼方法进行捕捞", "《中华人民共和国渔业法》第三十条、第三十八条", "捕捞人员", "使用电鱼工具在禁渔区内进行捕捞"}}},
    {"示例县住房和城乡建设局", "ZJ", "示县建", "建筑市场、工程质量安全和城镇燃气监督管理", GOV, "建筑工程施工许可", "普通", "建筑工程施工许可证", 0, 5,
     {{"未取得施工许可证擅自施工", "《中华人民共和国建筑法》第七条、第六十四条", "建设单位", "建设项目未取得建筑工程施工许可证即擅自开工"},
      {"施工单位偷工减料", "《建设工程质量管理条例》第二十八条、第六十四条", "施工单位", "承建工程的混凝土强度不符合设计要求"},
      {"未取得燃气经营许可证从事燃气经营", "《城镇燃气管理条例》第十五条、第四十五条", "燃气经营者", "未取得燃气经营许可证向餐饮店销售瓶装液化石油气"}}},
    {"示例县公安局", "GA", "示县公", "治安管理、道路交通安全和烟花爆竹燃放管理", GOV, "大型群众性活动安全许可", "普通", "", 0, 8,
     {{"饮酒后驾驶机动车", "《中华人民共和国道路交通安全法》第二十二条、第九十一条", "机动车驾驶人", "饮酒后驾驶小型轿车被执勤民警查获"},
      {"在禁放区域燃放烟花爆竹", "《烟花爆竹安全管理条例》第三十条、第四十二条", "燃放人员", "在县城烟花爆竹禁放区域内燃放烟花爆竹"},
      {"通过暗管逃避监管违法排放污染物", "《中华人民共和国环境保护法》第四十二条、第六十三条", "排污单位负责人", "指使他人通过暗管排放未经处理的生产废水"}}},
    {"国家税务总局示例县税务局", "SW", "示县税", "税收、社会保险费和非税收入征收管理", "国家税务总局示例市税务局", "增值税专用发票最高开票限额审批", "普通", "", 0, 6,
     {{"未按照规定期限办理纳税申报", "《中华人民共和国税收征收管理法》第二十五条、第六十二条", "纳税人", "未在规定期限内办理增值税纳税申报"},
      {"未按规定开具发票", "《中华人民共和国发票管理办法》第十八条、第三十五条", "纳税人", "发生经营业务收取款项后未按规定开具发票"},
      {"未按规定保管账簿", "《中华人民共和国税收征收管理法》第二十四条、第六十条", "纳税人", "未按照规定保管账簿和记账凭证"}}},
    {"示例县水利局", "SL", "示县水", "水资源、河道和水利工程管理", GOV, "取水许可", "普通", "取水许可证", 5, 3,
     {{"未经批准擅自取水", "《中华人民共和国水法》第四十八条、第六十九条", "取水单位", "未取得取水许可擅自打井取用地下水"},
      {"在河道管理范围内违法建设", "《中华人民共和国水法》第三十七条、第六十五条", "建设单位", "在河道管理范围内擅自建设妨碍行洪的建筑物"},
      {"未经许可在河道采砂", "《中华人民共和国河道管理条例》第二十五条、第四十四条", "采砂单位", "未经许可在河道管理范围内采砂"}}},
    {"示例县文化广电和旅游局", "WL", "示县文旅", "文化市场、旅游市场和广播电视管理", GOV, "娱乐场所经营许可", "普通", "娱乐经营许可证", 0, 3,
     {{"互联网上网服务营业场所接纳未成年人", "《互联网上网服务营业场所管理条例》第二十一条、第三十一条", "网吧经营者", "营业场所内接纳未成年人上网"},
      {"旅行社未与旅游者签订旅游合同", "《中华人民共和国旅游法》第五十七条、第一百条", "旅行社", "组织旅游活动未与旅游者签订书面旅游合同"},
      {"娱乐场所未按规定悬挂警示标志", "《娱乐场所管理条例》第三十条、第五十一条", "娱乐场所经营者", "未在显著位置悬挂未成年人禁入标志"}}},
    {"示例县教育局", "JY", "示县教", "各级各类学校和校外培训机构监督管理", GOV, "民办学校办学许可", "普通", "办学许可证", 5, 2,
     {{"未经批准擅自举办民办学校", "《中华人民共和国民办教育促进法》第十二条、第六十四条", "办学者", "未经批准擅自开展面向中小学生的学科类培训"},
      {"校外培训机构超标超前培训", "《中华人民共和国民办教育促进法》第六十二条", "校外培训机构", "开展超出国家课程标准的培训活动"},
      {"民办学校违规收费", "《中华人民共和国民办教育促进法》第三十八条、第六十二条", "民办学校", "一次性收取超过三个月的培训费用"}}},
    {"示例县人力资源和社会保障局", "RS", "示县人社", "劳动保障监察和人力资源市场管理", GOV, "人力资源服务许可", "普通", "人力资源服务许可证", 0, 3,
     {{"未按规定支付农民工工资", "《保障农民工工资支付条例》第十五条、第五十四条", "施工企业", "未按规定设立农民工工资专用账户并按月支付工资"},
      {"未经许可从事职业中介活动", "《人力资源市场暂行条例》第十八条、第四十二条", "职业中介", "未取得人力资源服务许可证从事职业中介活动"},
      {"用人单位违法延长劳动者工作时间", "《中华人民共和国劳动法》第四十一条、第九十条", "用人单位", "安排劳动者延长工作时间超过法定标准"}}},
    {"示例县林业局", "LY", "示县林", "森林资源保护和林业行政执法", GOV, "林木采伐许可", "普通", "林木采伐许可证", 1, 3,
     {{"滥伐林木", "《中华人民共和国森林法》第五十六条、第七十六条", "林木经营者", "超过林木采伐许可证规定的数量采伐林木"},
      {"非法占用林地", "《中华人民共和国森林法》第三十七条、第七十三条", "用地单位", "未经批准擅自改变林地用途修建道路"},
      {"未经批准移植古树名木", "《示例市古树名木保护条例》第十六条、第二十九条", "建设单位", "未经批准擅自移植古树名木"}}},
    {"示例县医疗保障局", "YB", "示县医保", "医疗保障基金使用监督管理", GOV, "定点医药机构协议管理确认", "认可", "", 0, 2,
     {{"定点医药机构违规使用医保基金", "《医疗保障基金使用监督管理条例》第十五条、第三十八条", "定点医药机构", "将不属于医保基金支付范围的费用纳入医保结算"},
      {"串换药品骗取医保基金", "《医疗保障基金使用监督管理条例》第十九条、第四十条", "定点零售药店", "将保健品串换为药品进行医保结算"},
      {"未按规定保管医保财务账目", "《医疗保障基金使用监督管理条例》第十六条、第三十九条", "定点医药机构", "未按照规定保管财务账目和处方"}}},
    {"示例县商务局", "SWJ", "示县商务", "商贸流通和单用途预付卡管理", GOV, "报废机动车回收拆解企业资质认定", "认可", "报废机动车回收拆解企业资质认定证书", 0, 2,
     {{"发行单用途预付卡未按规定备案", "《单用途商业预付卡管理办法（试行）》第七条、第三十六条", "发卡企业", "发行单用途预付卡后未在规定期限内备案"},
      {"报废机动车回收企业违规出售五大总成", "《报废机动车回收管理办法》第十二条、第二十一条", "回收拆解企业", "将报废机动车的发动机出售给不具备再制造能力的企业"},
      {"未按规定建立预付卡资金存管制度", "《单用途商业预付卡管理办法（试行）》第二十五条、第三十八条", "发卡企业", "未按规定对预收资金进行存管"}}},
    {"示例县消防救援大队", "XF", "示县消", "消防监督检查和火灾事故调查", "示例市消防救援支队", "公众聚集场所投入使用、营业前消防安全检查", "普通", "", 0, 4,
     {{"消防设施未保持完好有效", "《中华人民共和国消防法》第十六条、第六十条", "社会单位", "消防设施、器材未保持完好有效"},
      {"占用堵塞封闭疏散通道安全出口", "《中华人民共和国消防法》第二十八条、第六十条", "社会单位", "占用、堵塞疏散通道和安全出口"},
      {"公众聚集场所未经消防安全检查擅自营业", "《中华人民共和国消防法》第十五条、第五十八条", "公众聚集场所", "未经消防安全检查擅自投入使用、营业"}}},
    {"示例县民政局", "MZ", "示县民", "社会组织、养老服务和殡葬管理", GOV, "社会团体成立登记", "登记", "社会团体法人登记证书", 5, 2,
     {{"社会团体未按规定参加年度检查", "《社会团体登记管理条例》第二十八条、第三十条", "社会团体", "未按照规定参加年度检查"},
      {"养老机构未按规定开展服务", "《养老机构管理办法》第二十二条、第四十六条", "养老机构", "未与老年人签订服务协议且未建立服务档案"},
      {"殡仪服务机构违规销售丧葬用品", "《殡葬管理条例》第十七条、第二十二条", "殡葬服务机构", "制造销售封建迷信丧葬用品"}}},
};
#define NAG ((int)NELEM(AG))

static const char *TOWN[] = {"城关镇", "北关街道", "南湖街道", "青石镇", "柳河镇", "杏花镇", "石桥镇", "白云乡", "东岗乡", "龙泉乡", "双庙乡"};
static const char *ROAD[] = {"人民路", "解放路", "文化街", "新华路", "通达路", "青山路", "湖滨路", "建设路", "丰收路", "东环路", "西大街", "花园路"};
static const char *SURNAME[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
                                "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏",
                                "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方"};
static const char *COMPOUND[] = {"欧阳", "司马", "诸葛", "上官", "东方", "慕容"};
/* given names: officers and legal representatives of organizations are
 * published in full (GIVEN_O), natural-person parties and 个体工商户
 * operators are masked (GIVEN_P, two characters): the two sets never meet,
 * so a masked name never turns up inside a published one */
static const char *GIVEN_O[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "霞", "刚", "鹏", "飞",
                                "辉", "斌", "建华", "志强", "秀英", "海燕", "国庆", "丽娟", "文博", "子涵", "雨桐", "浩然", "晓东", "春生"};
static const char *GIVEN_P[] = {"红霞", "永刚", "桂兰", "明辉", "德胜", "玉梅", "新民", "立军", "俊杰", "思远", "佳怡", "振宇", "金凤", "长青",
                                "宏伟", "广林", "秋菊", "建新", "国栋", "淑芬", "志刚", "秀兰", "海峰", "雪梅", "春花", "保国", "来福", "月娥"};
static const char *WORD[] = {"宏达", "鑫源", "顺发", "恒通", "瑞丰", "华盛", "兴旺", "金穗", "德兴", "永辉", "博远", "盛世", "嘉禾", "利民", "安泰", "众诚",
                             "鸿运", "绿源", "新城", "天成", "隆泰", "福满", "益康", "聚财", "丰泽", "明珠", "润达", "远航", "青禾", "同心", "康宁", "佳美"};
static const char *INDUSTRY[] = {"商贸有限公司", "建材有限公司", "食品有限公司", "物流有限公司", "置业有限公司", "机械制造有限公司", "农业科技有限公司",
                                 "建筑工程有限公司", "餐饮管理有限公司", "化工有限公司", "塑业有限公司", "汽车维修有限公司", "养殖专业合作社", "医药连锁有限公司"};
static const char *SHOP[] = {"超市", "便利店", "餐馆", "面馆", "五金店", "农资店", "理发店", "水果店", "烟酒店", "诊所", "汽修店", "建材店", "宾馆", "药房"};
static const char *MIDDLE[] = {
    "经查，上述行为自案发前数月起持续至被查处。", "当事人现场无法提供相关许可证明和进货查验记录。",
    "执法人员当场制作了现场检查笔录，并对现场情况进行了拍照和录像。", "当事人对违法事实供认不讳，并表示将立即整改。",
    "经询问，当事人称对相关法律规定不了解。", "经抽样检验，检验结论为不合格。", "该行为此前已被群众多次投诉举报。",
    "当事人在调查期间主动改正违法行为，消除了违法行为的危害后果。", "执法人员依法责令当事人立即改正，当事人逾期未改正。",
    "经调取监控视频和相关票据，违法事实清楚。", "当事人系初次违法，积极配合调查。", "当事人于一年内曾因同类违法行为受到警告。"};
static const char *CLOSING[] = {
    "以上事实有现场检查笔录、询问笔录、现场照片及执法记录仪音像资料等证据证实。",
    "上述事实有当事人陈述、证人证言、书证和视听资料为证，证据确凿。",
    "本机关依法告知当事人拟作出处罚的事实、理由、依据及享有的权利，当事人未提出陈述、申辩。",
    "案件调查终结后，本机关依法送达了行政处罚告知书，当事人提出的陈述申辩意见经复核不予采纳。"};

/* penalty combinations and their weights (per mille); 行政拘留 is the police's alone */
static const char *PEN[] = {"警告", "罚款", "警告;罚款", "罚款;没收违法所得", "罚款;没收违法所得;没收非法财物", "罚款;没收非法财物", "通报批评",
                            "罚款;暂扣许可证件", "罚款;降低资质等级", "罚款;吊销许可证件", "罚款;限制开展生产经营活动", "罚款;责令停产停业",
                            "罚款;责令关闭", "罚款;没收违法所得;吊销许可证件;限制从业", "行政拘留", "罚款;其他", "其他"};
static const int PEN_W[] = {90, 380, 110, 160, 60, 50, 8, 25, 5, 8, 8, 20, 4, 4, 8, 40, 11};
static const int FINE[] = {200, 500, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 30000, 50000, 100000, 200000, 500000};
static const int FINE_W[] = {8, 10, 14, 12, 10, 14, 6, 10, 6, 4, 4, 1, 1, 0};

enum { C_CF, C_XK, C_JC, C_QZ, C_ZS, C_ZY, C_QR, C_QT, NCAT };
static const char *CATNAME[NCAT] = {"行政处罚", "行政许可", "行政检查", "行政强制", "行政征收", "行政征用", "行政确认", "其他"};
static const char *CATCODE[NCAT] = {"CF", "XK", "JC", "QZ", "ZS", "ZY", "QR", "QT"};
static const int CAT_W[NCAT] = {450, 300, 120, 50, 20, 3, 40, 17}; /* per mille */
static const char *CAT_BASIS[NCAT] = {"", "《中华人民共和国行政许可法》第三十四条、第三十八条", "《中华人民共和国行政处罚法》第五十四条；《优化营商环境条例》第五十六条",
                                      "《中华人民共和国行政强制法》第九条、第十八条", "《示例市非税收入征收管理办法》第八条",
                                      "《中华人民共和国突发事件应对法》第十二条", "《不动产登记暂行条例》第十四条", "《示例县行政奖励办法》第六条"};
/* words in document numbers; the police number both penalty procedures alike */
enum { T_CF, T_JCF, T_XZ, T_BX, T_CX, T_JC, T_QZ, T_ZS, T_ZY, T_QR, T_QT, NTOK };
static const char *TOK[NTOK] = {"处罚", "简罚", "许准", "不许", "撤许", "检", "强", "征", "征用", "确", "奖"};
static const int CAT_TOK[NCAT] = {T_CF, T_XZ, T_JC, T_QZ, T_ZS, T_ZY, T_QR, T_QT};
enum { K_ORG, K_IND, K_PER };
enum { POLICE = 9, FIRST_YEAR = 2022, NYEARS = 5 };
static const char *const DCOLS[] = {
    "文书号", "执法类别", "执法机关", "相对人名称", "相对人类别", "统一社会信用代码", "法定代表人", "证件类型", "证件号码", "决定日期",
    "违法行为类型", "违法事实", "执法依据", "执法结论", "处罚类别", "罚款金额", "没收金额", "许可结果", "许可类别", "许可证书名称",
    "许可编号", "有效期自", "有效期至", "强制措施", "程序类型", "发生地点", "发生时间", "执法人员", "重大执法决定", "法制审核",
    "律师参与", "听证", "公示审核", "不予公开", "状态", "状态日期", "状态说明"};

/* ---- PRNG: splitmix64, one stream per (purpose, index) ---- */

typedef struct { uint64_t s; } rng;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static rng rstream(uint64_t seed, uint64_t purpose, uint64_t i)
{
    return (rng){mix64(seed + 0x9E3779B97F4A7C15ULL * (purpose + 1)) ^ mix64(i * 0xD1B54A32D192ED03ULL + purpose)};
}

static uint64_t rnext(rng *r) { return mix64(r->s += 0x9E3779B97F4A7C15ULL); }
static uint32_t rbelow(rng *r, uint32_t n) { return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32); }
static int rrange(rng *r, int lo, int hi) { return lo + (int)rbelow(r, (uint32_t)(hi - lo + 1)); }
static bool rchance(rng *r, int per_mille) { return (int)rbelow(r, 1000) < per_mille; }
#define PICK(r, a) ((a)[rbelow((r), (uint32_t)NELEM(a))])

static int pick_w(rng *r, const int *w, int n)
{
    int tot = 0;
    for (int i = 0; i < n; i++)
        tot += w[i];
    int x = (int)rbelow(r, (uint32_t)tot);
    for (int i = 0; i < n; i++)
        if ((x -= w[i]) < 0)
            return i;
    return n - 1;
}

/* ---- text pieces ---- */

static void put_u(buf *b, uint64_t v)
{
    char t[24];
    int n = 0;
    do
        t[n++] = (char)('0' + v % 10);
    while (v /= 10);
    buf_grow(b, (size_t)n);
    while (n)
        b->p[b->len++] = t[--n];
    b->p[b->len] = 0;
}

static void put_u0(buf *b, unsigned v, int width) /* zero-padded */
{
    char t[16];
    for (int i = width - 1; i >= 0; i--, v /= 10)
        t[i] = (char)('0' + v % 10);
    buf_add(b, t, (size_t)width);
}

static void put_thousands(buf *b, uint64_t v)
{
    if (v < 1000)
        put_u(b, v);
    else {
        put_thousands(b, v / 1000);
        buf_putc(b, ',');
        put_u0(b, (unsigned)(v % 1000), 3);
    }
}

/* append strings up to a NULL: cheaper than buf_printf on the hot path */
static void put_strs(buf *b, ...)
{
    va_list ap;
    va_start(ap, b);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        buf_puts(b, s);
    va_end(ap);
}

static void put_money(buf *b, rng *r, uint64_t v) /* the ways counties type yuan */
{
    unsigned k = rbelow(r, 5);
    if (k == 4)
        buf_puts(b, "￥");
    (k == 1 || k == 2 ? put_u : put_thousands)(b, v);
    buf_puts(b, k == 2 || k == 3 ? "元" : k == 4 ? ".00" : "");
}

static void put_date(buf *b, gs_date d)
{
    char t[11];
    date_format(d, t);
    buf_add(b, t, 10);
}

/* 统一社会信用代码: prefix2, region 419999, organization code with its
 * GB 11714 check, then the GB 32100 check character */
static void put_credit(buf *b, rng *r, const char *prefix2)
{
    static const char ALPHA[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static const int w11714[] = {3, 7, 9, 10, 5, 8, 4, 2};
    static const int w32100[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    char c[19];
    memcpy(c, prefix2, 2);
    memcpy(c + 2, "419999MA", 8);
    for (int i = 10; i < 16; i++)
        c[i] = ALPHA[rbelow(r, 30)];
    int s = 0;
    for (int i = 0; i < 8; i++)
        s += (c[8 + i] >= 'A' ? c[8 + i] - 'A' + 10 : c[8 + i] - '0') * w11714[i];
    c[16] = "0123456789X0"[11 - s % 11];
    s = 0;
    for (int i = 0; i < 17; i++)
        s += (int)(strchr(ALPHA, c[i]) - ALPHA) * w32100[i];
    c[17] = ALPHA[(31 - s % 31) % 31];
    buf_add(b, c, 18);
}

/* GB 11643 citizen ID in region 419999 */
static void put_id(buf *b, rng *r, gs_date birth)
{
    static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    char c[19], t[11];
    date_format(birth, t);
    snprintf(c, sizeof c, "419999%.4s%.2s%.2s%03u", t, t + 5, t + 8, rbelow(r, 1000));
    int s = 0;
    for (int i = 0; i < 17; i++)
        s += (c[i] - '0') * w[i];
    c[17] = "10X98765432"[s % 11];
    buf_add(b, c, 18);
}

static gs_date rdate(rng *r, int y0, int y1) /* a day in years y0..y1, drawn in order */
{
    int y = rrange(r, y0, y1), m = rrange(r, 1, 12);
    return date_from_ymd(y, m, rrange(r, 1, 28));
}

static void put_name(buf *b, rng *r, bool masked)
{
    buf_puts(b, rchance(r, 30) ? PICK(r, COMPOUND) : PICK(r, SURNAME));
    buf_puts(b, masked ? PICK(r, GIVEN_P) : PICK(r, GIVEN_O));
}

static void put_address(buf *b, rng *r, int town)
{
    put_strs(b, TOWN[town], PICK(r, ROAD), NULL);
    put_u(b, (unsigned)rrange(r, 1, 199));
    buf_puts(b, "号");
}

static void put_officer(buf *b, int a, int k) /* 执法证号 */
{
    buf_puts(b, "410999");
    put_u0(b, (unsigned)a + 1, 2);
    put_u0(b, (unsigned)k, 3);
}

/* ---- CSV output: a record is built in row, composed cells in cell ---- */

typedef struct {
    FILE *f;
    char *path;
    buf row, cell;
    int col;
} csvout;

static _Noreturn void die_io(const char *path)
{
    fprintf(stderr, "gongshi-synth: %s: %s\n", path, strerror(errno));
    exit(1);
}

static void cell(csvout *o, const char *s, size_t n)
{
    if (o->col++)
        buf_putc(&o->row, ',');
    if (strcspn(s, ",\"\n\r") >= n) {
        buf_add(&o->row, s, n);
        return;
    }
    buf_putc(&o->row, '"');
    for (const char *q, *e = s + n; s < e; s = q + 1) { /* double the quotes */
        q = memchr(s, '"', (size_t)(e - s));
        buf_add(&o->row, s, (size_t)((q ? q + 1 : e) - s));
        if (!q)
            break;
        buf_putc(&o->row, '"');
    }
    buf_putc(&o->row, '"');
}

static void cells(csvout *o, const char *s) { cell(o, s, strlen(s)); }
static void cellc(csvout *o) { cell(o, o->cell.p ? o->cell.p : "", o->cell.len); buf_reset(&o->cell); }
static void blanks(csvout *o, int n) { while (n-- > 0) cell(o, "", 0); }

static GS_PRINTF(2, 3) void cellf(csvout *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&o->cell, fmt, ap);
    va_end(ap);
    cellc(o);
}

static void csv_endrow(csvout *o)
{
    buf_putc(&o->row, '\n');
    o->col = 0;
    if (o->row.len >= (1 << 16)) {
        if (fwrite(o->row.p, 1, o->row.len, o->f) != o->row.len)
            die_io(o->path);
        buf_reset(&o->row);
    }
}

static void csv_open(csvout *o, const char *dir, const char *name, const char *const *cols, size_t ncols)
{
    memset(o, 0, sizeof *o);
    o->path = xasprintf("%s/data/%s", dir, name);
    if (!(o->f = fopen(o->path, "wb")))
        die_io(o->path);
    for (size_t i = 0; i < ncols; i++)
        cells(o, cols[i]);
    csv_endrow(o);
}

static void csv_close(csvout *o)
{
    if (o->row.len && fwrite(o->row.p, 1, o->row.len, o->f) != o->row.len)
        die_io(o->path);
    if (ferror(o->f) || fclose(o->f) != 0)
        die_io(o->path);
    buf_free(&o->row);
    buf_free(&o->cell);
    free(o->path);
}

/* ---- copying the fixed parts of the content folder ---- */

static void mkdir_p(char *path) /* path is restored on return */
{
    for (char *s = path + 1;; s++) {
        if (*s && *s != '/')
            continue;
        char c = *s;
        *s = 0;
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            die_io(path);
        if (!(*s = c))
            return;
    }
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    char *p = read_file(from, &n);
    FILE *out;
    if (!p)
        die_io(from);
    if (!(out = fopen(to, "wb")) || fwrite(p, 1, n, out) != n || fclose(out) != 0)
        die_io(to);
    free(p);
}

/* copy a folder; csv_only: just the *.csv files at its top */
static void copy_tree(const char *from, const char *to, bool csv_only)
{
    DIR *d = opendir(from);
    if (!d)
        die_io(from);
    char *t = xstrdup(to);
    mkdir_p(t);
    free(t);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        char *src = xasprintf("%s/%s", from, e->d_name), *dst = xasprintf("%s/%s", to, e->d_name);
        struct stat st;
        if (stat(src, &st) != 0)
            die_io(src);
        if (S_ISDIR(st.st_mode) && !csv_only)
            copy_tree(src, dst, false);
        else if (!S_ISDIR(st.st_mode) && (!csv_only || (n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0)))
            copy_file(src, dst);
        free(src);
        free(dst);
    }
    closedir(d);
}

/* ---- decisions ---- */

typedef struct {
    uint64_t seed, n;
    uint32_t change_ppm;
    int *valid[NAG], nvalid[NAG], *bad[NAG], nbad[NAG]; /* officers' numbers within the agency */
    gs_date *days;                                      /* Monday to Friday */
    size_t ndays;
    uint32_t seq[NAG][NTOK][NYEARS];
} gen;

/* 违法事实: 100-400 characters from fragments */
static void put_fact(buf *f, rng *r, const vtype *v, int town, gs_date fd, uint64_t conf)
{
    static const char *SITE[] = {"的经营场所", "的生产车间", "的作业现场", "的门店", "的仓库"};
    int y, mo, dd;
    size_t start = f->len;
    date_to_ymd(fd, &y, &mo, &dd);
    put_u(f, (unsigned)y);
    buf_puts(f, "年");
    put_u(f, (unsigned)mo);
    buf_puts(f, "月");
    put_u(f, (unsigned)dd);
    buf_puts(f, "日，执法人员依法对当事人位于");
    put_address(f, r, town);
    put_strs(f, PICK(r, SITE), "进行检查，发现当事人", v->detail, "。", NULL);
    int k = rchance(r, 60) ? rrange(r, 4, 8) : rrange(r, 1, 3); /* now and then a long one */
    for (unsigned m = rbelow(r, NELEM(MIDDLE)); k > 0; k--, m = (m + 1 + rbelow(r, 2)) % NELEM(MIDDLE))
        buf_puts(f, MIDDLE[m]);
    if (conf || rchance(r, 400)) {
        uint64_t val = (uint64_t)rrange(r, 200, 60000);
        buf_puts(f, "经查，涉案货值金额");
        (rchance(r, 500) ? put_thousands : put_u)(f, val); /* "12,345" makes a quoted cell */
        buf_puts(f, "元");
        if (conf)
            buf_printf(f, "，违法所得%" PRIu64 "元", conf);
        buf_puts(f, "。");
    }
    switch (rbelow(r, 1000)) { /* personal data the site must scrub */
    case 0: buf_printf(f, "当事人在店门口张贴联系电话13%09d招揽顾客。", rrange(r, 0, 999999999)); break;
    case 1:
        buf_puts(f, "经核实，实际经营人身份证号码为");
        put_id(f, r, rdate(r, 1960, 2000));
        buf_puts(f, "。");
        break;
    case 2: buf_printf(f, "货款通过银行卡6228480%012" PRIu64 "收取。", (uint64_t)(rnext(r) % 1000000000000u)); break;
    }
    if (rchance(r, 2))
        buf_putc(f, '\n');
    buf_puts(f, PICK(r, CLOSING));
    while (utf8_count(f->p + start) < 100)
        buf_puts(f, PICK(r, MIDDLE));
}

static void put_penalty_concl(buf *c, rng *r, const char *cats, uint64_t fine, uint64_t conf)
{
    static const char *CAT[] = {"警告", "通报批评", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件", "限制开展生产经营活动",
                                "责令停产停业", "责令关闭", "限制从业", "其他"};
    static const char *SAY[] = {"给予警告", "予以通报批评", "没收涉案物品", "暂扣许可证件三个月", "降低资质等级一级", "吊销许可证件",
                                "限制开展生产经营活动六个月", "责令停产停业整顿", "责令关闭", "对直接负责的主管人员处五年内不得从事相关经营管理工作",
                                "责令限期拆除违法建筑物，恢复原状"};
    bool first = !rchance(r, 300);
    if (!first)
        buf_puts(c, "责令改正");
    for (const char *p = cats; *p; first = false) {
        size_t n = strcspn(p, ";");
        buf_puts(c, first ? "" : "，");
        bool is_fine = strncmp(p, "罚款", n) == 0;
        if (is_fine || strncmp(p, "没收违法所得", n) == 0) {
            buf_add(c, p, n);
            put_thousands(c, is_fine ? fine : conf);
            buf_puts(c, "元");
        } else if (strncmp(p, "行政拘留", n) == 0)
            buf_printf(c, "行政拘留%d日", rrange(r, 5, 15));
        else
            for (size_t k = 0; k < NELEM(CAT); k++)
                if (strlen(CAT[k]) == n && strncmp(p, CAT[k], n) == 0)
                    buf_puts(c, SAY[k]);
        p += n + (p[n] == ';');
    }
    buf_puts(c, "。");
}

/* 相对人名称, 相对人类别, 统一社会信用代码, 法定代表人, 证件类型, 证件号码 */
static void put_party(csvout *o, rng *r, int kind, int town, gs_date d)
{
    buf *t = &o->cell;
    if (kind != K_PER) {
        const char *ind = PICK(r, INDUSTRY), *sur = PICK(r, SURNAME), *word = PICK(r, WORD);
        if (kind == K_ORG)
            put_strs(t, "示例县", word, ind, NULL);
        else {
            bool ji = rchance(r, 400); /* 王记面馆 */
            put_strs(t, "示例县", TOWN[town], ji ? sur : word, ji ? "记" : "", PICK(r, SHOP), NULL);
        }
        cellc(o);
        cells(o, kind == K_ORG ? "法人及非法人组织" : "个体工商户");
        put_credit(t, r, kind == K_IND ? "92" : strstr(ind, "合作社") ? "93" : "91");
        cellc(o);
        if (kind == K_ORG)
            put_name(t, r, false);
        else
            put_strs(t, sur, PICK(r, GIVEN_P), NULL); /* the operator */
        cellc(o);
        blanks(o, 2);
        return;
    }
    put_name(t, r, true);
    cellc(o);
    cells(o, "自然人");
    blanks(o, 2);
    int idk = (int)rbelow(r, 1000);
    if (idk < 30) {
        cells(o, idk < 20 ? "护照" : "港澳居民来往内地通行证");
        buf_printf(t, "%c%08d", idk < 20 ? 'E' : 'H', rrange(r, 0, 99999999));
    } else {
        cells(o, idk < 500 ? "身份证" : "");
        int age = idk == 30 ? rrange(r, 15, 17) : rrange(r, 19, 75); /* now and then a minor */
        int m = rrange(r, 1, 12);
        put_id(t, r, date_from_ymd(date_year(d) - age, m, rrange(r, 1, 28)));
    }
    cellc(o);
}

static void gen_decision(gen *g, csvout *o, uint64_t i)
{
    static const int KIND_W[3][3] = {{50, 30, 20}, {60, 35, 5}, {60, 25, 15}}; /* 处罚, 许可, others */
    static const char *CHECKED[] = {"未发现违法违规问题。", "发现问题已当场责令限期整改。", "发现涉嫌违法行为，已依法立案调查。", "前次检查发现的问题已整改到位。"};
    static const char *LEVY[] = {"土地闲置费", "城市基础设施配套费", "水资源费", "森林植被恢复费"};
    static const char *MEASURE[] = {"查封", "扣押", "查封;扣押", "冻结", "其他"};
    static const char *WITHHELD[] = {"国家秘密", "商业秘密", "个人隐私", "其他"};
    static const char *ST[] = {"变更", "撤销", "确认违法", "确认无效", "更正"};
    static const char *WHY[] = {"经行政复议，原决定内容予以变更。", "人民法院判决撤销该决定。", "经行政复议，确认该决定程序违法。",
                                "人民法院判决确认该决定无效。", "原公示信息中当事人名称有误，已予更正。"};
    rng rr = rstream(g->seed, 1, i), *r = &rr;
    gs_date d = g->days[(size_t)(i * g->ndays / g->n)], last = g->days[g->ndays - 1];
    int year = date_year(d), wa[NAG];
    for (int k = 0; k < NAG; k++)
        wa[k] = AG[k].weight;
    int a = pick_w(r, wa, NAG), cat = pick_w(r, CAT_W, NCAT), town = (int)rbelow(r, NELEM(TOWN));
    const agency *ag = &AG[a];
    const vtype *v = &ag->v[rbelow(r, 3)];
    int kind = pick_w(r, KIND_W[cat < 2 ? cat : 2], 3), combo = 0, presult = 0, tok = CAT_TOK[cat];
    uint64_t fine = 0, conf = 0;
    bool simple = false, major = false;
    if (cat == C_CF) {
        combo = pick_w(r, PEN_W, (int)NELEM(PEN));
        if (strcmp(PEN[combo], "行政拘留") == 0 && a != POLICE)
            combo = 1; /* 罚款 */
        const char *cs = PEN[combo];
        if (strcmp(cs, "行政拘留") == 0)
            kind = K_PER;
        if (strstr(cs, "罚款"))
            fine = (uint64_t)FINE[pick_w(r, FINE_W, (int)NELEM(FINE))] / (kind == K_PER && rchance(r, 700) ? 10 : 1);
        if (strstr(cs, "没收违法所得"))
            conf = (uint64_t)rrange(r, 100, 60000);
        bool light = strcmp(cs, "警告") == 0 || strcmp(cs, "罚款") == 0 || strcmp(cs, "警告;罚款") == 0;
        simple = light && fine <= (kind == K_PER ? 200u : 3000u) && rchance(r, 800);
        major = fine >= 100000 || strstr(cs, "吊销") || strstr(cs, "责令") || strstr(cs, "降低") || strstr(cs, "限制") || strstr(cs, "拘留");
        if (simple && a != POLICE)
            tok = T_JCF;
    } else if (cat == C_XK) {
        presult = pick_w(r, (const int[]){930, 50, 20}, 3);
        tok = T_XZ + presult;
        major = presult == 2;
    }
    buf *t = &o->cell;

    /* 文书号 .. 决定日期 */
    put_strs(t, ag->prefix, a == POLICE && cat == C_CF ? "行罚决字" : TOK[tok], "〔", NULL);
    put_u(t, (unsigned)year);
    buf_puts(t, "〕");
    put_u(t, ++g->seq[a][tok][year - FIRST_YEAR]);
    buf_puts(t, "号");
    cellc(o);
    cells(o, CATNAME[cat]);
    cells(o, ag->name);
    put_party(o, r, kind, town, d);
    put_date(t, d);
    cellc(o);
    /* 违法行为类型, 违法事实, 执法依据 */
    gs_date fd = d - rrange(r, 1, 60);
    if (cat == C_CF) {
        cells(o, v->type);
        put_fact(t, r, v, town, fd, conf);
        cellc(o);
    } else
        blanks(o, 2);
    cells(o, cat == C_CF ? v->basis : CAT_BASIS[cat]);
    /* 执法结论 */
    switch (cat) {
    case C_CF: put_penalty_concl(t, r, PEN[combo], fine, conf); break;
    case C_XK:
        if (presult == 1)
            buf_puts(t, "不予许可。理由：申请材料不符合法定条件，经补正后仍未达到要求。");
        else if (presult == 2)
            put_strs(t, "撤销原准予", ag->permit, "的决定。理由：申请人以欺骗手段取得行政许可。", NULL);
        else
            put_strs(t, "准予", ag->permit, "。", NULL);
        break;
    case C_JC: buf_printf(t, "%s监督检查：%s", v->object, PICK(r, CHECKED)); break;
    case C_QZ: buf_puts(t, "对当事人涉案场所、设施或者财物依法实施行政强制措施，期限三十日。"); break;
    case C_ZS:
        buf_printf(t, "征收%s", PICK(r, LEVY));
        put_thousands(t, (uint64_t)rrange(r, 10, 3000) * 1000);
        buf_puts(t, "元。");
        break;
    case C_ZY: buf_puts(t, "因防汛抢险需要依法征用当事人财产，使用完毕后及时返还并依法给予补偿。"); break;
    case C_QR: buf_puts(t, "确认当事人不动产权利，予以登记。"); break;
    default: buf_printf(t, "给予当事人奖励%d,000元。", rrange(r, 1, 50)); break;
    }
    if (mix64(g->seed ^ 0x5EEDC4A46EULL ^ mix64(i)) % 1000000 < g->change_ppm) /* --change draws nothing from r */
        buf_puts(t, "（经复核修订）");
    cellc(o);
    /* 处罚类别, 罚款金额, 没收金额 */
    cells(o, cat == C_CF ? PEN[combo] : "");
    if (fine)
        put_money(t, r, fine);
    cellc(o);
    if (conf)
        put_money(t, r, conf);
    cellc(o);
    /* 许可结果, 许可类别, 许可证书名称, 许可编号, 有效期自, 有效期至 */
    if (cat == C_XK) {
        bool cert = presult != 1 && ag->cert[0];
        cells(o, (const char *[]){"准予", "不予", "撤销"}[presult]);
        cells(o, ag->pclass);
        cells(o, cert ? ag->cert : "");
        if (cert)
            buf_printf(t, "%s许字%d%06d", ag->prefix, year, rrange(r, 0, 999999));
        cellc(o);
        if (presult == 0 && ag->years) {
            put_date(t, d);
            cellc(o);
            put_date(t, date_add_months(d, 12 * ag->years));
            cellc(o);
        } else
            blanks(o, 2);
    } else
        blanks(o, 6);
    /* 强制措施, 程序类型, 发生地点, 发生时间 */
    cells(o, cat == C_QZ ? MEASURE[pick_w(r, (const int[]){35, 45, 8, 5, 7}, 5)] : "");
    cells(o, cat == C_CF ? (simple ? "简易程序" : "普通程序") : "");
    cells(o, TOWN[town]);
    int tk = (int)rbelow(r, 100);
    if (tk < (cat == C_CF ? 85 : 40)) {
        put_date(t, cat == C_CF ? fd : d);
        if (tk < 45) {
            buf_putc(t, ' ');
            put_u(t, (unsigned)rrange(r, 7, 21));
            buf_putc(t, ':');
            put_u0(t, rbelow(r, 6) * 10, 2);
        }
    }
    cellc(o);
    /* 执法人员: two officers of the agency; now and then one, or one not 有效 */
    int p1 = g->valid[a][rbelow(r, (uint32_t)g->nvalid[a])], p2, prob = (int)rbelow(r, 1000);
    do
        p2 = g->valid[a][rbelow(r, (uint32_t)g->nvalid[a])];
    while (p2 == p1);
    if (prob < 2 && g->nbad[a])
        p2 = g->bad[a][rbelow(r, (uint32_t)g->nbad[a])];
    put_officer(t, a, p1);
    if (prob != 2) {
        buf_putc(t, ';');
        put_officer(t, a, p2);
    }
    cellc(o);
    /* 重大执法决定, 法制审核, 律师参与, 听证 */
    if (cat == C_CF || cat == C_XK || cat == C_QZ) {
        bool review = major || (!simple && rchance(r, 300)), lawyer = review && rchance(r, 300);
        cells(o, major ? "是" : "否");
        cells(o, review ? "是" : "否");
        cells(o, lawyer ? "是" : "否");
        cells(o, major && rchance(r, 250) ? "是" : "否");
    } else
        blanks(o, 4);
    /* 公示审核, 不予公开, 状态, 状态日期, 状态说明 */
    bool pending = d > last - 14 && rchance(r, 100);
    cells(o, pending ? "待审" : rchance(r, 20) ? "通过" : "");
    cells(o, rchance(r, 1) ? PICK(r, WITHHELD) : "");
    if (rchance(r, cat == C_CF ? 5 : 1)) {
        int s = (int)rbelow(r, NELEM(ST));
        gs_date sd = d + rrange(r, 5, 120);
        cells(o, ST[s]);
        put_date(t, sd > last ? last : sd);
        cellc(o);
        cells(o, WHY[s]);
    } else
        blanks(o, 3);
    csv_endrow(o);
}

/* ---- the lists: agencies, officers, powers, inspections ---- */

static void cell_update(csvout *o, rng *r)
{
    put_date(&o->cell, rdate(r, 2026, 2026) - (rbelow(r, 2) ? 60 : 0)); /* 2025-11 .. 2026-12 */
    cellc(o);
}

static void write_agencies(const char *dir)
{
    static const char *const cols[] = {"机关名称", "统一社会信用代码", "简称", "职责", "地址", "电话", "投诉电话", "复议机关", "诉讼法院", "更新日期"};
    csvout o;
    csv_open(&o, dir, "agencies.csv", cols, NELEM(cols));
    for (int a = 0; a < NAG; a++) {
        rng r = rstream(0, 7, (uint64_t)a); /* the county does not change with the seed */
        cells(&o, AG[a].name);
        put_credit(&o.cell, &r, "11");
        cellc(&o);
        cells(&o, strncmp(AG[a].name, "示例", 6) == 0 ? AG[a].name + 6 : AG[a].name);
        cellf(&o, "负责全县%s，依法查处相关违法行为。", AG[a].duty);
        buf_puts(&o.cell, "示例县");
        put_address(&o.cell, &r, a % (int)NELEM(TOWN));
        cellc(&o);
        cellf(&o, "0379-65%02d301", a + 10);
        cellf(&o, "0379-65%02d315", a + 10);
        cells(&o, AG[a].review);
        cells(&o, "示例县人民法院");
        cell_update(&o, &r);
        csv_endrow(&o);
    }
    csv_close(&o);
}

/* max(60, N/200) officers, at most 5000, shared by agency weight; the first
 * two of each agency always hold a valid certificate */
static void write_officers(gen *g, const char *dir)
{
    static const char *const cols[] = {"姓名", "执法证号", "执法机关", "职务", "执法类别", "执法区域", "证件状态", "有效期至",
                                       "法制审核人员", "业务培训学时", "法律培训学时", "更新日期"};
    static const char *TITLE[] = {"科长", "副科长", "四级主任科员", "一级科员", "二级科员", "执法大队大队长", "执法中队中队长", "执法队员", "执法队员"};
    static const char *STATUS[] = {"有效", "暂扣", "注销", "过期"};
    csvout o;
    csv_open(&o, dir, "officers.csv", cols, NELEM(cols));
    uint64_t total = g->n / 200 < 60 ? 60 : g->n / 200 > 5000 ? 5000 : g->n / 200;
    int wsum = 0;
    for (int a = 0; a < NAG; a++)
        wsum += AG[a].weight;
    for (int a = 0; a < NAG; a++) {
        int n = (int)(total * (uint64_t)AG[a].weight / (uint64_t)wsum);
        n = n < 3 ? 3 : n;
        g->valid[a] = xcalloc((size_t)n, sizeof(int));
        g->bad[a] = xcalloc((size_t)n, sizeof(int));
        for (int k = 1; k <= n; k++) {
            rng r = rstream(g->seed, 2, (uint64_t)a * 1000 + (uint64_t)k);
            bool reviewer = k > 2 && ((k == 3 && a % 4 == 0) || (a * 7 + k) % 13 == 0);
            int st = k <= 2 || reviewer ? 0 : pick_w(&r, (const int[]){940, 20, 20, 20}, 4);
            put_name(&o.cell, &r, false);
            cellc(&o);
            put_officer(&o.cell, a, k);
            cellc(&o);
            cells(&o, AG[a].name);
            cells(&o, reviewer ? "法制审核员" : PICK(&r, TITLE));
            cells(&o, a == POLICE ? "行政许可;行政处罚;行政检查" : "行政许可;行政处罚;行政强制;行政检查");
            if (rchance(&r, 800))
                cells(&o, "示例县");
            else {
                const char *t1 = PICK(&r, TOWN);
                cellf(&o, "示例县%s、%s", t1, PICK(&r, TOWN));
            }
            cells(&o, STATUS[st]);
            put_date(&o.cell, st == 3 ? rdate(&r, 2024, 2025) : rdate(&r, 2027, 2030));
            cellc(&o);
            cells(&o, reviewer ? "是" : "否");
            for (int h = 0; h < 2; h++) /* training hours, some short of 30 */
                cellf(&o, "%d", rchance(&r, 150) ? rrange(&r, 8, 28) : rrange(&r, 30, 60));
            cell_update(&o, &r);
            csv_endrow(&o);
            if (st == 0)
                g->valid[a][g->nvalid[a]++] = k;
            else if (st != 2)
                g->bad[a][g->nbad[a]++] = k;
        }
    }
    csv_close(&o);
}

static void write_powers(const char *dir)
{
    static const char *const cols[] = {"职权编码", "职权类别", "职权名称", "实施依据", "责任事项", "办理期限", "收费情况", "执法机关", "更新日期"};
    static const char *OTHER[NCAT] = {"", "", "", "", "行政事业性收费征收", "突发事件应急征用", "登记事项确认", "举报奖励"};
    csvout o;
    csv_open(&o, dir, "powers.csv", cols, NELEM(cols));
    for (int a = 0; a < NAG; a++) {
        rng r = rstream(0, 8, (uint64_t)a);
        for (int k = 0; k < 10; k++) { /* 3 处罚, 1 许可, 3 检查, 2 强制, 1 more */
            int cat = k < 3 ? C_CF : k == 3 ? C_XK : k < 7 ? C_JC : k < 9 ? C_QZ : C_ZS + a % 4;
            const vtype *v = &AG[a].v[k % 3];
            cellf(&o, "%s-%s-%03d", AG[a].abbr, CATCODE[cat], k + 1);
            cells(&o, CATNAME[cat]);
            if (cat == C_CF)
                cellf(&o, "对%s的行政处罚", v->type);
            else if (cat == C_JC)
                cellf(&o, "%s监督检查", v->object);
            else if (cat == C_QZ)
                cellf(&o, "%s与%s有关的场所、物品", k == 7 ? "查封" : "扣押", v->type);
            else
                cells(&o, cat == C_XK ? AG[a].permit : OTHER[cat]);
            cells(&o, cat == C_XK ? "《中华人民共和国行政许可法》第十二条" : cat == C_QZ ? "《中华人民共和国行政强制法》第九条" : v->basis);
            cells(&o, cat == C_CF ? "立案、调查取证、审查、告知、决定、送达、执行" : cat == C_XK ? "受理、审查、决定、送达" : "实施、记录、处理、公示");
            cells(&o, cat == C_CF ? "立案之日起90日" : cat == C_XK ? "20个工作日" : cat == C_QZ ? "30日" : "按年度计划");
            cells(&o, cat == C_ZS ? "按规定标准征收" : "不收费");
            cells(&o, AG[a].name);
            cell_update(&o, &r);
            csv_endrow(&o);
        }
    }
    csv_close(&o);
}

static void write_inspections(const char *dir)
{
    static const char *const cols[] = {"抽查事项", "抽查依据", "抽查主体", "抽查对象", "抽查比例", "抽查频次", "抽查方式", "抽查内容", "更新日期"};
    static const int RATIO[] = {3, 5, 5, 10, 20};
    static const char *FREQ[] = {"每年1次", "每年2次", "每季度1次"}, *HOW[] = {"现场检查", "书面检查", "现场检查、抽样检验"};
    csvout o;
    csv_open(&o, dir, "inspections.csv", cols, NELEM(cols));
    for (int a = 0; a < NAG; a++) {
        rng r = rstream(0, 9, (uint64_t)a);
        for (int k = 0; k < 3; k++) {
            const vtype *v = &AG[a].v[k];
            cellf(&o, "%s监督检查", v->object);
            cells(&o, v->basis);
            cells(&o, AG[a].name);
            cellf(&o, "辖区内%s", v->object);
            cellf(&o, "%d%%", PICK(&r, RATIO));
            cells(&o, PICK(&r, FREQ));
            cells(&o, PICK(&r, HOW));
            cellf(&o, "是否存在%s等行为", v->type);
            cell_update(&o, &r);
            csv_endrow(&o);
        }
    }
    csv_close(&o);
}

/* ---- command line ---- */

static _Noreturn void usage(int status, const char *msg, const char *arg)
{
    if (msg)
        fprintf(stderr, "gongshi-synth: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fputs("usage: gongshi-synth --decisions N --out DIR [--seed S] [--from CONTENT_DIR] [--change PCT]\n", status ? stderr : stdout);
    exit(status);
}

static uint64_t parse_u64(const char *s, const char *opt)
{
    char *e;
    errno = 0;
    unsigned long long v = strtoull(s, &e, 10);
    if (*s < '0' || *s > '9' || *e || errno)
        usage(2, "not a non-negative integer", opt);
    return (uint64_t)v;
}

static void copy_into(const char *from, const char *out, const char *rel, int how) /* 0 file, 1 csv folder, 2 tree */
{
    char *src = xasprintf("%s/%s", from, rel), *dst = xasprintf("%s/%s", out, rel);
    struct stat st;
    if (how != 2 || (stat(src, &st) == 0 && S_ISDIR(st.st_mode))) /* pages/ is optional */
        how ? copy_tree(src, dst, how == 1) : copy_file(src, dst);
    free(src);
    free(dst);
}

int main(int argc, char **argv)
{
    static const char *const opts[] = {"--decisions", "--out", "--seed", "--from", "--change"};
    const char *val[NELEM(opts)] = {NULL};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            usage(0, NULL, NULL);
        const char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]), k = 0;
        while (k < NELEM(opts) && !(strlen(opts[k]) == n && strncmp(argv[i], opts[k], n) == 0))
            k++;
        if (k == NELEM(opts))
            usage(2, "unknown argument", argv[i]);
        if (!eq && i + 1 >= argc)
            usage(2, "missing value for", opts[k]);
        val[k] = eq ? eq + 1 : argv[++i];
    }
    const char *out = val[1], *from = val[3] ? val[3] : "content";
    if (!val[0] || !out || !*out)
        usage(2, "--decisions and --out are required", NULL);
    gen g;
    memset(&g, 0, sizeof g);
    g.n = parse_u64(val[0], "--decisions");
    g.seed = val[2] ? parse_u64(val[2], "--seed") : 1;
    if (g.n > 100000000)
        usage(2, "--decisions is at most 100000000", val[0]);
    if (val[4]) {
        char *e;
        double pct = strtod(val[4], &e);
        if (!*val[4] || *e || !(pct >= 0 && pct <= 100))
            usage(2, "--change takes a percentage from 0 to 100", val[4]);
        g.change_ppm = (uint32_t)(pct * 10000 + 0.5);
    }
    gs_date d0 = date_from_ymd(FIRST_YEAR, 1, 1), d1 = date_from_ymd(2026, 11, 20);
    g.days = xcalloc((size_t)(d1 - d0 + 1), sizeof(gs_date));
    for (gs_date d = d0; d <= d1; d++)
        if (date_weekday(d) < 5)
            g.days[g.ndays++] = d;

    char *data = xasprintf("%s/data", out);
    mkdir_p(data);
    free(data);
    copy_into(from, out, "site.yaml", 0);
    copy_into(from, out, "calendar", 1);
    copy_into(from, out, "pages", 2);
    copy_into(from, out, "data/phrases.csv", 0);
    write_agencies(out);
    write_officers(&g, out);
    write_powers(out);
    write_inspections(out);
    csvout o;
    csv_open(&o, out, "decisions.csv", DCOLS, NELEM(DCOLS));
    for (uint64_t i = 0; i < g.n; i++)
        gen_decision(&g, &o, i);
    csv_close(&o);
    for (int a = 0; a < NAG; a++) {
        free(g.valid[a]);
        free(g.bad[a]);
    }
    free(g.days);
    return 0;
}
