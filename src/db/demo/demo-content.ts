/**
 * The demo desk: a fictional province ("tỉnh Lam Giang"), its rumours and the answers of its
 * information office, as plain data. Loaded on the first embedded start so a newcomer sees a
 * living product. Everything here is invented: places inside the province, agencies' documents,
 * web sites (`.example`, `.invalid` and the demo newspaper domain), staff and events. No real
 * person, telephone number or e-mail address appears; where a rumour carried personal data it is
 * shown already redacted, as the intake pipeline stores it.
 *
 * Times are hours before the seeding moment, so the demo always looks current.
 */
import { receiptCodeFromBody } from '../../core/receipt-code.js';
import type {
  Channel,
  ClaimStatus,
  EvidenceKind,
  ItemStatus,
  Priority,
  Rating,
  RejectionReason,
  Role,
  SourceKind,
} from '../../core/types.js';

/** The office that runs the demo desk and signs its statements. */
export const DEMO_OFFICE = 'Sở Văn hóa, Thể thao và Du lịch tỉnh Lam Giang';

/** Every demo account has an address under this reserved domain; it marks demo data. */
export const DEMO_EMAIL_DOMAIN = 'demo.kiemchung.invalid';

/**
 * The password of every demo account, printed at start-up in demo mode so the desk can be
 * tried. Demo content is never loaded on PostgreSQL unless asked for (DEMO_DATA=always).
 */
export const DEMO_PASSWORD = 'demo-kiemchung';

export type DemoUserKey = 'admin' | 'lead' | 'bao' | 'mai' | 'ctv' | 'press';

/** A staff account without a password: it exists so authors and reviewers are real rows. */
export interface DemoUser {
  key: DemoUserKey;
  email: string;
  displayName: string;
  role: Role;
}

export interface DemoCategory {
  slug: string;
  nameVi: string;
  nameEn: string;
  description: string;
}

export interface DemoSource {
  key: string;
  name: string;
  kind: SourceKind;
  url: string;
  categorySlug: string | null;
  scheduleMinutes: number;
  lastFetchedHoursAgo: number;
  lastSuccessHoursAgo: number;
  /** Only for a source whose last fetch failed or that failed recently. */
  lastError?: { message: string; hoursAgo: number };
  failureScore: number;
}

export interface DemoCluster {
  key: string;
  label: string;
}

/** One more time the same content was seen, on any channel. */
export interface DemoSighting {
  channel: Channel;
  sourceKey?: string;
  url?: string;
  hoursAgo: number;
}

export interface DemoItem {
  key: string;
  channel: Channel;
  sourceKey?: string;
  /** Canonical already: stored as both url and canonical_url. */
  url?: string;
  title: string;
  text: string;
  publishedHoursAgo?: number;
  firstSeenHoursAgo: number;
  clusterKey?: string;
  status: ItemStatus;
  relevance: number;
  priorityScore: number;
  /** Sightings after the first one (which is the item itself). */
  resightings?: DemoSighting[];
}

export interface DemoSnapshot {
  /** When the page was stored; when the evidence was added if omitted. */
  fetchedHoursAgo?: number;
  /** Where the fetch ended after redirects; the evidence URL when omitted. */
  finalUrl?: string;
  title: string;
  text: string;
  contentType?: string;
}

export interface DemoEvidence {
  kind: Extract<EvidenceKind, 'url' | 'document' | 'expert_statement'>;
  title: string;
  url?: string;
  note: string;
  addedBy: DemoUserKey;
  hoursAgo: number;
  snapshot?: DemoSnapshot;
}

export interface DemoCheckText {
  title: string;
  summary: string;
  explanation: string;
}

export interface DemoCheck extends DemoCheckText {
  slug: string;
  rating: Rating | null;
  status: 'draft' | 'in_review' | 'approved' | 'published';
  author: DemoUserKey;
  reviewer?: DemoUserKey;
  createdHoursAgo: number;
  publishedHoursAgo?: number;
  /** A published correction: the text above is the current version, `before` the first one. */
  correction?: { reason: string; hoursAgo: number; by: DemoUserKey; before: DemoCheckText };
}

export interface DemoClaimItem {
  itemKey: string;
  linkKind: 'manual' | 'matched' | 'split';
  matchConfidence?: number;
  linkedBy?: DemoUserKey;
}

export interface DemoClaim {
  key: string;
  text: string;
  status: ClaimStatus;
  rejectionReason?: RejectionReason;
  mergedIntoKey?: string;
  priority: Priority;
  createdHoursAgo: number;
  /** Hours from the seeding moment to the deadline; negative means overdue. */
  dueInHours?: number;
  firstResponseHoursAgo?: number;
  assignee?: DemoUserKey;
  createdBy?: DemoUserKey;
  categorySlug?: string;
  items: DemoClaimItem[];
  evidence: DemoEvidence[];
  check?: DemoCheck;
}

export interface DemoTip {
  receiptCode: string;
  itemKey: string;
  status: 'received' | 'in_progress' | 'answered' | 'closed';
  /** The claim whose published check answers the tip. */
  answerClaimKey?: string;
}

export interface DemoStatement {
  slug: string;
  title: string;
  body: string;
  categorySlug: string;
  claimKey: string;
  author: DemoUserKey;
  issuedHoursAgo: number;
  publishedHoursAgo: number;
}

export interface DemoInquiry {
  outlet: string;
  question: string;
  status: 'open' | 'assigned';
  assignee?: DemoUserKey;
  createdHoursAgo: number;
  dueInHours: number;
}

export interface DemoContent {
  users: DemoUser[];
  categories: DemoCategory[];
  sources: DemoSource[];
  clusters: DemoCluster[];
  items: DemoItem[];
  claims: DemoClaim[];
  tips: DemoTip[];
  statements: DemoStatement[];
  inquiries: DemoInquiry[];
}

const users: DemoUser[] = [
  {
    key: 'admin',
    email: `quantri@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Lê Hoàng Nam',
    role: 'admin',
  },
  { key: 'lead', email: `thuha@${DEMO_EMAIL_DOMAIN}`, displayName: 'Nguyễn Thu Hà', role: 'lead' },
  {
    key: 'bao',
    email: `quocbao@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Phạm Quốc Bảo',
    role: 'editor',
  },
  {
    key: 'mai',
    email: `thanhmai@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Đỗ Thanh Mai',
    role: 'editor',
  },
  {
    key: 'ctv',
    email: `ducanh@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Vũ Đức Anh',
    role: 'contributor',
  },
  {
    key: 'press',
    email: `lanphuong@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Hoàng Lan Phương',
    role: 'press',
  },
];

const categories: DemoCategory[] = [
  {
    slug: 'suc-khoe',
    nameVi: 'Sức khỏe',
    nameEn: 'Health',
    description: 'Dịch bệnh, nước sạch, thuốc và thực phẩm, khám chữa bệnh.',
  },
  {
    slug: 'giao-duc',
    nameVi: 'Giáo dục',
    nameEn: 'Education',
    description: 'Lịch học, thi cử, thông báo của nhà trường và ngành giáo dục.',
  },
  {
    slug: 'thien-tai',
    nameVi: 'Thiên tai, môi trường',
    nameEn: 'Disasters and environment',
    description: 'Bão lũ, xả lũ hồ chứa, sạt lở, ô nhiễm và sự cố môi trường.',
  },
  {
    slug: 'lua-dao',
    nameVi: 'Lừa đảo trực tuyến',
    nameEn: 'Online scams',
    description: 'Tin nhắn, cuộc gọi, trang web giả mạo cơ quan nhà nước và doanh nghiệp.',
  },
  {
    slug: 'chinh-sach',
    nameVi: 'Chính sách, an sinh',
    nameEn: 'Policy and welfare',
    description: 'Tiền lương, lương hưu, bảo hiểm, trợ cấp và thủ tục hành chính.',
  },
  {
    slug: 'dat-dai',
    nameVi: 'Đất đai, quy hoạch',
    nameEn: 'Land and planning',
    description: 'Giá đất, giấy chứng nhận, quy hoạch và dự án.',
  },
  {
    slug: 'anh-video-gia',
    nameVi: 'Ảnh, video giả',
    nameEn: 'Fake images and videos',
    description: 'Ảnh ghép, ảnh do AI tạo, video cũ gắn vào sự kiện mới.',
  },
];

const sources: DemoSource[] = [
  {
    key: 'baoTinh',
    name: 'Báo Lam Giang điện tử — Tin mới',
    kind: 'feed',
    url: 'https://baotinhdemo.vn/rss/tin-moi.rss',
    categorySlug: null,
    scheduleMinutes: 15,
    lastFetchedHoursAgo: 0.1,
    lastSuccessHoursAgo: 0.1,
    failureScore: 0,
  },
  {
    key: 'congTinh',
    name: 'Cổng thông tin điện tử tỉnh Lam Giang',
    kind: 'sitemap',
    url: 'https://lamgiang.gov.example/sitemap-tin-tuc.xml',
    categorySlug: null,
    scheduleMinutes: 30,
    lastFetchedHoursAgo: 0.3,
    lastSuccessHoursAgo: 0.3,
    failureScore: 0,
  },
  {
    key: 'ptth',
    name: 'Đài Phát thanh và Truyền hình Lam Giang — Thời sự',
    kind: 'page',
    url: 'https://ptthlamgiang.example/thoi-su',
    categorySlug: 'thien-tai',
    scheduleMinutes: 60,
    lastFetchedHoursAgo: 0.6,
    lastSuccessHoursAgo: 0.6,
    lastError: { message: 'Timeout after 15000 ms', hoursAgo: 27 },
    failureScore: 0.5,
  },
  {
    key: 'tinNhanh',
    name: 'Trang tổng hợp Tin Nhanh 24h',
    kind: 'feed',
    url: 'https://tinnhanh24h.example/feed.xml',
    categorySlug: null,
    scheduleMinutes: 30,
    lastFetchedHoursAgo: 0.4,
    lastSuccessHoursAgo: 31,
    lastError: { message: 'HTTP 503 Service Unavailable', hoursAgo: 0.4 },
    failureScore: 3.5,
  },
];

const clusters: DemoCluster[] = [
  { key: 'nuocMay', label: 'Tin đồn nước máy phường Bến Đá nhiễm khuẩn tả' },
  { key: 'nghiHoc', label: 'Thông báo nghỉ học vì cúm A' },
  { key: 'phiDuongBo', label: 'Tin nhắn đòi nợ phí đường bộ' },
  { key: 'kheMay', label: 'Tin đồn vỡ đập hồ Khe Mây' },
];

const MXH = 'https://mxh.example';
const TIN_NHANH = 'https://tinnhanh24h.example';
const BAO = 'https://baotinhdemo.vn';

const items: DemoItem[] = [
  // Nước máy Bến Đá: a health scare that spread in a day, over every channel.
  {
    key: 'nuocMay-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8841207`,
    title: 'KHẨN: Nước máy Bến Đá nhiễm khuẩn tả!!!',
    text: 'Người nhà làm ở bệnh viện báo: nước máy khu vực phường Bến Đá đã nhiễm khuẩn tả, mấy chục người nhập viện rồi. Tuyệt đối không dùng nước máy để nấu ăn, đánh răng. Chia sẻ gấp cho người thân!!!',
    publishedHoursAgo: 151,
    firstSeenHoursAgo: 150,
    clusterKey: 'nuocMay',
    status: 'linked',
    relevance: 0.94,
    priorityScore: 0.91,
    resightings: [
      { channel: 'staff', hoursAgo: 149 },
      { channel: 'tip', hoursAgo: 148 },
      { channel: 'url', url: `${MXH}/bai-viet/8841207?ref=share`, hoursAgo: 146 },
      { channel: 'url', url: `${MXH}/bai-viet/8841207?ref=share`, hoursAgo: 143 },
    ],
  },
  {
    key: 'nuocMay-zalo',
    channel: 'staff',
    title: '',
    text: 'Chị em ơi nc máy Bến Đá bị nhiễm tả, nghe nói BV đa khoa tỉnh nhận mấy chục ca rồi, ko dùng nc máy nấu ăn nha. Mua nc đóng chai đi',
    firstSeenHoursAgo: 149.5,
    clusterKey: 'nuocMay',
    status: 'linked',
    relevance: 0.9,
    priorityScore: 0.86,
    resightings: [{ channel: 'staff', hoursAgo: 147 }],
  },
  {
    key: 'nuocMay-tinNhanh',
    channel: 'feed',
    sourceKey: 'tinNhanh',
    url: `${TIN_NHANH}/xa-hoi/nuoc-may-ben-da-nhiem-khuan-ta-nguoi-dan-hoang-mang-1182.html`,
    title: 'Nước máy Bến Đá nhiễm khuẩn tả? Người dân hoang mang đổ xô mua nước đóng chai',
    text: 'Từ tối qua, nhiều cửa hàng tạp hóa ở phường Bến Đá hết nước đóng chai sau khi mạng xã hội lan truyền tin nước máy nhiễm khuẩn tả. Đến thời điểm đưa tin, phóng viên chưa liên hệ được với đơn vị cấp nước.',
    publishedHoursAgo: 147,
    firstSeenHoursAgo: 146.5,
    clusterKey: 'nuocMay',
    status: 'linked',
    relevance: 0.88,
    priorityScore: 0.8,
  },
  {
    key: 'nuocMay-tip',
    channel: 'tip',
    title: '',
    text: 'Cho hỏi nước máy ở Bến Đá có bị nhiễm tả thật không ạ? Nhà em có con nhỏ, cả xóm đang đi mua nước bình.',
    firstSeenHoursAgo: 148,
    clusterKey: 'nuocMay',
    status: 'linked',
    relevance: 0.9,
    priorityScore: 0.78,
  },
  {
    key: 'nuocMay-api',
    channel: 'api',
    title: 'Tin nhắn chuyển tiếp: nước máy nhiễm tả',
    text: 'Nuoc may o Ben Da bi nhiem khuan ta, bv tinh da nhan 40 ca, dung dung nuoc may nau an. Chia se cho nguoi than!',
    firstSeenHoursAgo: 145,
    clusterKey: 'nuocMay',
    status: 'linked',
    relevance: 0.87,
    priorityScore: 0.74,
    resightings: [{ channel: 'api', hoursAgo: 139 }],
  },
  {
    key: 'nuocMay-ctv',
    channel: 'staff',
    title: 'Nước máy Bến Đá có vi khuẩn tả?',
    text: 'Nuoc may Ben Da co vi khuan ta, 40 nguoi nhap vien. Nhom cu dan to 5 dang chuyen nhau, nho Ban kiem tra giup.',
    firstSeenHoursAgo: 141,
    clusterKey: 'nuocMay',
    status: 'linked',
    relevance: 0.86,
    priorityScore: 0.6,
  },

  // Thông báo nghỉ học giả mạo.
  {
    key: 'nghiHoc-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8850113`,
    title: 'THÔNG BÁO: Học sinh toàn tỉnh nghỉ học từ thứ Hai do dịch cúm A',
    text: 'Phụ huynh lưu ý!!! Sở GD vừa ra thông báo cho HS toàn tỉnh nghỉ học 2 tuần từ thứ 2 vì cúm A, các trường chuyển sang học online. Ảnh văn bản bên dưới 👇',
    publishedHoursAgo: 338,
    firstSeenHoursAgo: 337,
    clusterKey: 'nghiHoc',
    status: 'linked',
    relevance: 0.92,
    priorityScore: 0.88,
    resightings: [
      { channel: 'tip', hoursAgo: 336 },
      { channel: 'url', url: `${MXH}/bai-viet/8850113?ref=zalo`, hoursAgo: 335 },
    ],
  },
  {
    key: 'nghiHoc-tip',
    channel: 'tip',
    title: '',
    text: 'Con em học trường tiểu học ở phường Thành Lam, nhóm Zalo lớp đang truyền thông báo nghỉ học 2 tuần vì cúm A. Trường chưa báo gì, không biết thật hay giả?',
    firstSeenHoursAgo: 336.5,
    clusterKey: 'nghiHoc',
    status: 'linked',
    relevance: 0.9,
    priorityScore: 0.8,
  },
  {
    key: 'nghiHoc-ctv',
    channel: 'staff',
    title: 'Chuyển tiếp từ nhóm phụ huynh',
    text: 'TB: toàn bộ hs MN, TH, THCS tỉnh Lam Giang nghỉ học từ thứ 2 đến hết 2 tuần do dịch cúm A. Văn bản ko có số hiệu, dấu đỏ bị mờ.',
    firstSeenHoursAgo: 336,
    clusterKey: 'nghiHoc',
    status: 'linked',
    relevance: 0.88,
    priorityScore: 0.75,
  },

  // Tin nhắn đòi nợ phí đường bộ: a scam that keeps coming back for weeks.
  {
    key: 'phi-tip',
    channel: 'tip',
    title: '',
    text: 'Tôi nhận được tin nhắn: "[Thu phí ĐB] Phương tiện của quý khách chưa thanh toán phí đường bộ, quá hạn sẽ bị phạt 2.000.000đ và khóa tài khoản giao thông. Thanh toán tại: http://thuphi-duongbo.example/tt". Có phải lừa đảo không?',
    firstSeenHoursAgo: 602,
    clusterKey: 'phiDuongBo',
    status: 'linked',
    relevance: 0.9,
    priorityScore: 0.85,
    resightings: [
      { channel: 'tip', hoursAgo: 520 },
      { channel: 'tip', hoursAgo: 300 },
    ],
  },
  {
    key: 'phi-ctv',
    channel: 'staff',
    title: 'SMS lạ đòi phí đường bộ',
    text: 'SMS: Xe BKS [biển số xe] cua ban no phi duong bo 185.000d, han chot hom nay. Qua han phat 2 trieu. TT ngay: thuphi-duongbo.example',
    firstSeenHoursAgo: 600,
    clusterKey: 'phiDuongBo',
    status: 'linked',
    relevance: 0.88,
    priorityScore: 0.8,
    resightings: [{ channel: 'staff', hoursAgo: 410 }],
  },
  {
    key: 'phi-hotline',
    channel: 'import',
    title: 'Đường dây nóng: phản ánh tin nhắn đòi phí đường bộ',
    text: 'Người gọi phản ánh nhận tin nhắn đòi nợ phí đường bộ kèm đường link lạ, đe dọa phạt 2 triệu đồng nếu không thanh toán trong ngày. Người gọi chưa bấm vào đường link.',
    firstSeenHoursAgo: 590,
    clusterKey: 'phiDuongBo',
    status: 'linked',
    relevance: 0.85,
    priorityScore: 0.7,
  },
  {
    key: 'phi-api',
    channel: 'api',
    title: 'SMS mạo danh thu phí đường bộ',
    text: 'Quy khach co khoan phi duong bo chua thanh toan, vui long thanh toan truoc 23h59 hom nay de tranh bi phat nguoi. Link: thuphi-duongbo.example/pay',
    firstSeenHoursAgo: 560,
    clusterKey: 'phiDuongBo',
    status: 'linked',
    relevance: 0.84,
    priorityScore: 0.82,
    resightings: [
      { channel: 'api', hoursAgo: 430 },
      { channel: 'api', hoursAgo: 260 },
      { channel: 'api', hoursAgo: 96 },
      { channel: 'api', hoursAgo: 20 },
    ],
  },
  {
    key: 'phi-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8862430`,
    title: 'Có ai nhận tin nhắn đòi phí đường bộ này không?',
    text: 'Vừa nhận tin nhắn bảo nợ phí đường bộ 185 nghìn, không đóng hôm nay bị phạt 2 triệu. Mình có đi cao tốc đâu mà nợ?? Ai nhận được giống mình thì đừng bấm link nhé.',
    publishedHoursAgo: 27,
    firstSeenHoursAgo: 26,
    clusterKey: 'phiDuongBo',
    status: 'linked',
    relevance: 0.8,
    priorityScore: 0.72,
    resightings: [{ channel: 'url', hoursAgo: 22 }],
  },

  // Lương hưu.
  {
    key: 'huu-tinNhanh',
    channel: 'feed',
    sourceKey: 'tinNhanh',
    url: `${TIN_NHANH}/chinh-sach/lam-giang-ho-tro-them-1-trieu-dong-thang-cho-nguoi-nghi-huu-1190.html`,
    title: 'Lam Giang hỗ trợ thêm 1 triệu đồng/tháng cho tất cả người nghỉ hưu',
    text: 'Theo nghị quyết mới của HĐND tỉnh, từ tháng tới tất cả người hưởng lương hưu trên địa bàn tỉnh sẽ được nhận thêm 1 triệu đồng mỗi tháng mà không cần làm thủ tục.',
    publishedHoursAgo: 242,
    firstSeenHoursAgo: 241,
    status: 'linked',
    relevance: 0.85,
    priorityScore: 0.7,
    resightings: [{ channel: 'feed', sourceKey: 'tinNhanh', hoursAgo: 230 }],
  },
  {
    key: 'huu-ctv',
    channel: 'staff',
    title: '',
    text: 'Các cô chú hưu trí ơi, tỉnh ra nghị quyết cộng thêm 1tr/tháng vào lương hưu từ tháng sau rồi nhé, ko cần làm hồ sơ gì đâu',
    firstSeenHoursAgo: 238,
    status: 'linked',
    relevance: 0.82,
    priorityScore: 0.66,
  },
  {
    key: 'huu-tip',
    channel: 'tip',
    title: '',
    text: 'Bố tôi nghỉ hưu, nghe nói tỉnh hỗ trợ thêm 1 triệu mỗi tháng. Xin hỏi phải đăng ký ở đâu?',
    firstSeenHoursAgo: 236,
    status: 'linked',
    relevance: 0.8,
    priorityScore: 0.6,
  },

  // Hồ Khe Mây: a true spillway release turned into a dam-break panic.
  {
    key: 'dap-video',
    channel: 'url',
    url: `${MXH}/video/5512098`,
    title: 'Clip: Đập Khe Mây sắp vỡ, nước đổ về ào ào',
    text: 'Đập Khe Mây đang rò rỉ nặng, thủy điện xả lũ khẩn cấp trong đêm. Bà con hạ du sông Lam Giang sơ tán gấp, đừng chờ thông báo!!!',
    publishedHoursAgo: 482,
    firstSeenHoursAgo: 481,
    clusterKey: 'kheMay',
    status: 'linked',
    relevance: 0.97,
    priorityScore: 0.98,
    resightings: [
      { channel: 'staff', hoursAgo: 480.8 },
      { channel: 'tip', hoursAgo: 480.5 },
      { channel: 'tip', hoursAgo: 480.2 },
      { channel: 'url', url: `${MXH}/video/5512098?ref=share`, hoursAgo: 479.9 },
      { channel: 'api', hoursAgo: 479 },
    ],
  },
  {
    key: 'dap-ctv',
    channel: 'staff',
    title: '',
    text: 'Dap Khe May sap vo, dan xa Phu Dien dang chay len doi. Ai o ha du thi di ngay',
    firstSeenHoursAgo: 480.9,
    clusterKey: 'kheMay',
    status: 'linked',
    relevance: 0.95,
    priorityScore: 0.93,
    resightings: [{ channel: 'staff', hoursAgo: 480.1 }],
  },
  {
    key: 'dap-tinNhanh',
    channel: 'feed',
    sourceKey: 'tinNhanh',
    url: `${TIN_NHANH}/thoi-su/ho-khe-may-xa-lu-nguoi-dan-ha-du-lo-lang-1175.html`,
    title: 'Hồ Khe Mây xả lũ, người dân hạ du lo lắng',
    text: 'Chiều nay hồ chứa Khe Mây mở cửa xả tràn. Trên mạng xã hội xuất hiện nhiều video cho rằng thân đập có vết nứt và sắp vỡ, khiến người dân các xã hạ du lo lắng.',
    publishedHoursAgo: 480,
    firstSeenHoursAgo: 479.8,
    clusterKey: 'kheMay',
    status: 'linked',
    relevance: 0.9,
    priorityScore: 0.85,
  },
  {
    key: 'dap-ptth',
    channel: 'feed',
    sourceKey: 'ptth',
    url: 'https://ptthlamgiang.example/thoi-su/ho-khe-may-van-hanh-xa-tran-dieu-tiet-1903',
    title: 'Hồ Khe Mây vận hành xả tràn điều tiết, mực nước hạ du được kiểm soát',
    text: 'Hồ chứa Khe Mây mở cửa xả tràn với lưu lượng nhỏ để điều tiết nước trước đợt mưa lớn. Đơn vị quản lý hồ cho biết thân đập làm việc bình thường, không có vết nứt.',
    publishedHoursAgo: 478,
    firstSeenHoursAgo: 477.5,
    clusterKey: 'kheMay',
    status: 'linked',
    relevance: 0.8,
    priorityScore: 0.5,
  },
  {
    key: 'dap-tip',
    channel: 'tip',
    title: '',
    text: 'Ở xã Phú Điền đang có loa báo sơ tán vì vỡ đập phải không? Gia đình tôi có người già, xin trả lời gấp.',
    firstSeenHoursAgo: 480.4,
    clusterKey: 'kheMay',
    status: 'linked',
    relevance: 0.93,
    priorityScore: 0.9,
  },

  // Sốt xuất huyết ở Tân Lộc: a rumour that turned out to be true.
  {
    key: 'sxh-bao',
    channel: 'feed',
    sourceKey: 'baoTinh',
    url: `${BAO}/suc-khoe/xa-tan-loc-ghi-nhan-o-dich-sot-xuat-huyet-20412.html`,
    title: 'Xã Tân Lộc ghi nhận ổ dịch sốt xuất huyết, ngành y tế phun hóa chất diện rộng',
    text: 'Trung tâm Kiểm soát bệnh tật tỉnh cho biết đã ghi nhận ổ dịch sốt xuất huyết tại thôn Đồng Chùa, xã Tân Lộc, với 7 ca mắc. Các ca bệnh đều đã ổn định; lực lượng y tế đang phun hóa chất và diệt lăng quăng.',
    publishedHoursAgo: 96,
    firstSeenHoursAgo: 95.8,
    status: 'linked',
    relevance: 0.8,
    priorityScore: 0.55,
  },
  {
    key: 'sxh-tip',
    channel: 'tip',
    title: '',
    text: 'Nghe nói xã Tân Lộc có dịch sốt xuất huyết, có đúng không? Có cần cho trẻ nghỉ học không?',
    firstSeenHoursAgo: 100,
    status: 'linked',
    relevance: 0.78,
    priorityScore: 0.6,
  },
  {
    key: 'sxh-ctv',
    channel: 'staff',
    title: '',
    text: 'Tan Loc co o dich SXH that ko a? Nhom cu dan dang hoang mang, nhieu nha xin cho con nghi hoc.',
    firstSeenHoursAgo: 99,
    status: 'linked',
    relevance: 0.76,
    priorityScore: 0.58,
  },

  // Cá chết trên sông Lam Giang.
  {
    key: 'ca-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8870555`,
    title: 'Cá chết trắng sông Lam Giang, chắc chắn do nhà máy giấy xả thải',
    text: 'Sáng nay cá chết nổi trắng một đoạn sông Lam Giang qua xã Tân Lộc. Ai cũng biết là do nhà máy giấy đầu nguồn xả thải ban đêm. Chính quyền định im lặng đến bao giờ?',
    publishedHoursAgo: 292,
    firstSeenHoursAgo: 291,
    status: 'linked',
    relevance: 0.9,
    priorityScore: 0.84,
    resightings: [
      { channel: 'staff', hoursAgo: 290 },
      { channel: 'url', url: `${MXH}/bai-viet/8870555?ref=share`, hoursAgo: 288 },
    ],
  },
  {
    key: 'ca-bao',
    channel: 'feed',
    sourceKey: 'baoTinh',
    url: `${BAO}/moi-truong/ca-chet-bat-thuong-tren-song-lam-giang-20455.html`,
    title: 'Cá chết bất thường trên sông Lam Giang, cơ quan chức năng lấy mẫu xét nghiệm',
    text: 'Sở Nông nghiệp và Môi trường đã cử đoàn công tác lấy mẫu nước và mẫu cá tại đoạn sông qua xã Tân Lộc. Kết quả phân tích sẽ được công bố khi có đủ dữ liệu.',
    publishedHoursAgo: 286,
    firstSeenHoursAgo: 285.7,
    status: 'linked',
    relevance: 0.8,
    priorityScore: 0.6,
  },
  {
    key: 'ca-tip',
    channel: 'tip',
    title: '',
    text: 'Cá chết ở sông có phải do nhà máy xả thải không? Nước sông đó có dùng để tưới rau được không?',
    firstSeenHoursAgo: 289,
    status: 'linked',
    relevance: 0.82,
    priorityScore: 0.65,
  },

  // An opinion.
  {
    key: 'phoDiBo-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8881020`,
    title: 'Phố đi bộ ven sông chán nhất tỉnh',
    text: 'Phố đi bộ ven sông Lam Giang là chỗ chán nhất tỉnh, làm ra chỉ tốn tiền. Tối thứ Bảy đi một vòng mà mất hứng.',
    publishedHoursAgo: 192,
    firstSeenHoursAgo: 191,
    status: 'linked',
    relevance: 0.4,
    priorityScore: 0.2,
  },

  // Cá sấu ở hồ Khe Mây: an AI-generated image, just arrived.
  {
    key: 'caSau-mxh',
    channel: 'url',
    url: `${MXH}/anh/7730912`,
    title: 'Bắt được cá sấu 5 mét ở hồ Khe Mây',
    text: 'Ngư dân xã Khe Mây vừa bắt được con cá sấu dài gần 5 m, nặng cả tấn. Ảnh nóng hổi!! Mùa này ai hay tắm hồ cẩn thận nha.',
    publishedHoursAgo: 3,
    firstSeenHoursAgo: 2.5,
    status: 'linked',
    relevance: 0.7,
    priorityScore: 0.62,
    resightings: [{ channel: 'url', url: `${MXH}/anh/7730912?ref=share`, hoursAgo: 1.2 }],
  },
  {
    key: 'caSau-ctv',
    channel: 'staff',
    title: 'Ảnh cá sấu hồ Khe Mây',
    text: 'Anh ca sau ho Khe May dang lan tren cac nhom, nhin giong anh AI (tay nguoi cam ca co 6 ngon). Nho Ban xem giup.',
    firstSeenHoursAgo: 2,
    status: 'linked',
    relevance: 0.7,
    priorityScore: 0.6,
  },

  // Giá đất ven sông.
  {
    key: 'giaDat-tinNhanh',
    channel: 'feed',
    sourceKey: 'tinNhanh',
    url: `${TIN_NHANH}/bat-dong-san/gia-dat-ven-song-lam-giang-sap-tang-gap-ba-1201.html`,
    title: 'Giá đất ven sông Lam Giang sắp tăng gấp ba theo bảng giá mới',
    text: 'Nhiều môi giới cho biết bảng giá đất mới áp dụng từ đầu năm sau sẽ nâng giá đất ven sông lên gấp ba, khuyên nhà đầu tư xuống tiền ngay trước khi giá tăng.',
    publishedHoursAgo: 34,
    firstSeenHoursAgo: 33,
    status: 'linked',
    relevance: 0.75,
    priorityScore: 0.7,
  },
  {
    key: 'giaDat-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8879310`,
    title: 'Đất ven sông x3 từ tháng 1, ai chưa mua thì nhanh tay',
    text: 'Bảng giá đất mới của tỉnh đã chốt: ven sông Lam Giang tăng gấp 3 từ 1/1. Còn vài lô giá cũ, liên hệ em [số điện thoại].',
    publishedHoursAgo: 30,
    firstSeenHoursAgo: 29,
    status: 'linked',
    relevance: 0.72,
    priorityScore: 0.68,
    resightings: [{ channel: 'staff', hoursAgo: 27 }],
  },

  // Bảo hiểm y tế.
  {
    key: 'bhyt-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8883377`,
    title: 'Bệnh viện tỉnh ngừng khám bảo hiểm y tế từ tháng sau',
    text: 'Thông báo: từ đầu tháng sau Bệnh viện Đa khoa tỉnh Lam Giang không khám chữa bệnh bảo hiểm y tế nữa, ai có thẻ BHYT thì lên trạm y tế xã. Nghe bảo do hết hợp đồng với bảo hiểm.',
    publishedHoursAgo: 12,
    firstSeenHoursAgo: 11,
    status: 'linked',
    relevance: 0.9,
    priorityScore: 0.9,
    resightings: [
      { channel: 'tip', hoursAgo: 9 },
      { channel: 'url', url: `${MXH}/bai-viet/8883377?ref=share`, hoursAgo: 6 },
    ],
  },
  {
    key: 'bhyt-ctv',
    channel: 'staff',
    title: '',
    text: 'Nghe noi BV da khoa tinh ngung nhan the BHYT tu dau thang sau, ai kham phai tra 100%? Nhieu nguoi o khoa Noi dang hoi.',
    firstSeenHoursAgo: 10.5,
    status: 'linked',
    relevance: 0.88,
    priorityScore: 0.85,
  },

  // Video lốc xoáy cũ.
  {
    key: 'loc-video',
    channel: 'url',
    url: `${MXH}/video/5520417`,
    title: 'Lốc xoáy cuốn bay mái nhà ở Phú Điền chiều qua',
    text: 'Kinh hoàng lốc xoáy ở xã Phú Điền chiều qua, cả dãy nhà bay mái, cột điện đổ la liệt.',
    publishedHoursAgo: 40,
    firstSeenHoursAgo: 38,
    status: 'linked',
    relevance: 0.8,
    priorityScore: 0.74,
    resightings: [{ channel: 'staff', hoursAgo: 37 }],
  },
  {
    key: 'loc-tip',
    channel: 'tip',
    title: '',
    text: 'Video lốc xoáy ở Phú Điền có thật không? Nhà tôi ở Phú Điền mà không thấy gì.',
    firstSeenHoursAgo: 36,
    status: 'linked',
    relevance: 0.78,
    priorityScore: 0.7,
  },

  // Sổ đỏ cấp trước năm 2000.
  {
    key: 'soDo-ctv',
    channel: 'staff',
    title: '',
    text: 'Cô chú ơi, tỉnh thu hồi hết sổ đỏ cấp trước năm 2000 để đổi sang mẫu mới, ai không đổi trước cuối năm là mất quyền sử dụng đất!!',
    firstSeenHoursAgo: 74,
    status: 'linked',
    relevance: 0.85,
    priorityScore: 0.78,
  },
  {
    key: 'soDo-mxh',
    channel: 'url',
    url: `${MXH}/bai-viet/8876001`,
    title: 'Sổ đỏ cấp trước 2000 sẽ bị thu hồi?',
    text: 'Nghe tin sổ đỏ cấp trước năm 2000 phải nộp lại để đổi mẫu mới, quá hạn là mất đất. Có ai biết thông tin chính thức không?',
    publishedHoursAgo: 71,
    firstSeenHoursAgo: 70,
    status: 'linked',
    relevance: 0.8,
    priorityScore: 0.7,
    resightings: [{ channel: 'import', hoursAgo: 50 }],
  },

  // Out of the office's scope.
  {
    key: 'dienThaiLan',
    channel: 'api',
    title: 'Điện miễn phí ở Thái Lan',
    text: 'Thai Lan mien phi tien dien cho toan dan tu thang nay, VN bao gio moi duoc nhu vay?',
    firstSeenHoursAgo: 215,
    status: 'linked',
    relevance: 0.2,
    priorityScore: 0.15,
  },

  // Not (yet) attached to any claim.
  {
    key: 'congTinh-hop',
    channel: 'feed',
    sourceKey: 'congTinh',
    url: 'https://lamgiang.gov.example/tin-tuc/ubnd-tinh-hop-phien-thuong-ky-2120',
    title: 'UBND tỉnh họp phiên thường kỳ, cho ý kiến về kế hoạch phòng, chống thiên tai mùa mưa',
    text: 'UBND tỉnh Lam Giang họp phiên thường kỳ, cho ý kiến về kế hoạch phòng, chống thiên tai mùa mưa và tiến độ giải ngân vốn đầu tư công.',
    publishedHoursAgo: 50,
    firstSeenHoursAgo: 49.5,
    status: 'dismissed',
    relevance: 0.1,
    priorityScore: 0.05,
  },
  {
    key: 'bao-amThuc',
    channel: 'feed',
    sourceKey: 'baoTinh',
    url: `${BAO}/van-hoa/khai-mac-tuan-le-am-thuc-pho-di-bo-ven-song-20471.html`,
    title: 'Khai mạc tuần lễ ẩm thực tại phố đi bộ ven sông Lam Giang',
    text: 'Tuần lễ ẩm thực với hơn 60 gian hàng đặc sản địa phương khai mạc tối thứ Sáu tại phố đi bộ ven sông Lam Giang.',
    publishedHoursAgo: 20,
    firstSeenHoursAgo: 19.8,
    status: 'dismissed',
    relevance: 0.15,
    priorityScore: 0.05,
  },
  {
    key: 'trungThuong-tip',
    channel: 'tip',
    title: '',
    text: 'Có tin nhắn báo trúng thưởng xe máy từ chương trình tri ân khách hàng của nhà mạng, yêu cầu nộp 500 nghìn phí nhận thưởng. Có phải lừa đảo không?',
    firstSeenHoursAgo: 1.5,
    status: 'queued',
    relevance: 0.7,
    priorityScore: 0.58,
  },
  {
    key: 'vacXin-hotline',
    channel: 'import',
    title: 'Đường dây nóng: hỏi lịch tiêm vắc xin sởi',
    text: 'Người gọi hỏi lịch tiêm vắc xin sởi bổ sung cho trẻ từ 1 đến 5 tuổi ở phường Thành Lam và có phải trả tiền không.',
    firstSeenHoursAgo: 8,
    status: 'new',
    relevance: 0.35,
    priorityScore: 0.3,
  },
];

const claims: DemoClaim[] = [
  {
    key: 'nuocMay',
    text: 'Nước máy ở phường Bến Đá bị nhiễm khuẩn tả, hàng chục người phải nhập viện.',
    status: 'published',
    priority: 'urgent',
    createdHoursAgo: 149,
    dueInHours: -145,
    firstResponseHoursAgo: 148.5,
    assignee: 'bao',
    createdBy: 'lead',
    categorySlug: 'suc-khoe',
    items: [
      { itemKey: 'nuocMay-mxh', linkKind: 'manual', linkedBy: 'lead' },
      { itemKey: 'nuocMay-zalo', linkKind: 'matched', matchConfidence: 0.91 },
      { itemKey: 'nuocMay-tinNhanh', linkKind: 'matched', matchConfidence: 0.84 },
      { itemKey: 'nuocMay-tip', linkKind: 'matched', matchConfidence: 0.79 },
      { itemKey: 'nuocMay-api', linkKind: 'matched', matchConfidence: 0.88 },
    ],
    evidence: [
      {
        kind: 'url',
        title: 'Công ty Cấp nước Lam Giang công bố kết quả kiểm nghiệm nước máy phường Bến Đá',
        url: 'https://capnuoclamgiang.example/tin-tuc/ket-qua-kiem-nghiem-nuoc-ben-da',
        note: 'Bảng kết quả 12 mẫu, lấy tại nhà máy, bể chứa và vòi của hộ dân.',
        addedBy: 'bao',
        hoursAgo: 144,
        snapshot: {
          title: 'Kết quả kiểm nghiệm chất lượng nước máy khu vực phường Bến Đá',
          text: 'Ngay sau khi xuất hiện thông tin nước máy nhiễm khuẩn tả, Công ty phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh lấy 12 mẫu nước tại nhà máy, bể chứa và vòi của hộ dân ở phường Bến Đá. Kết quả: không phát hiện vi khuẩn tả (Vibrio cholerae) và coliform; clo dư nằm trong giới hạn cho phép. Nước máy đạt quy chuẩn kỹ thuật quốc gia về chất lượng nước sạch sử dụng cho mục đích sinh hoạt. Khách hàng cần thông tin thêm xin liên hệ tổng đài chăm sóc khách hàng của Công ty.',
        },
      },
      {
        kind: 'document',
        title: 'Phiếu kết quả thử nghiệm mẫu nước số 418/KQ-KSBT của CDC tỉnh',
        note: 'Bản chụp phiếu kết quả, do Trung tâm Kiểm soát bệnh tật tỉnh cung cấp.',
        addedBy: 'bao',
        hoursAgo: 143,
      },
      {
        kind: 'expert_statement',
        title: 'Ý kiến của lãnh đạo khoa Truyền nhiễm, Bệnh viện Đa khoa tỉnh',
        note: 'Trao đổi qua điện thoại: bệnh viện không tiếp nhận ca bệnh tả nào trong năm nay; số ca tiêu chảy trong tuần ở mức bình thường.',
        addedBy: 'bao',
        hoursAgo: 143.5,
      },
    ],
    check: {
      slug: 'nuoc-may-phuong-ben-da-khong-nhiem-khuan-ta',
      title: 'Tin nước máy phường Bến Đá nhiễm khuẩn tả là sai',
      rating: 'false',
      summary:
        'Kết quả xét nghiệm 12 mẫu nước không phát hiện vi khuẩn tả, Bệnh viện Đa khoa tỉnh không tiếp nhận ca bệnh tả nào. Nước máy phường Bến Đá đạt quy chuẩn và được sử dụng bình thường.',
      explanation: `Tin nhắn lan truyền trên mạng xã hội cho rằng nước máy ở phường Bến Đá "đã nhiễm khuẩn tả, mấy chục người nhập viện" và khuyên người dân không dùng nước máy để nấu ăn.

Ngay khi tin đồn xuất hiện, Trung tâm Kiểm soát bệnh tật (CDC) tỉnh đã lấy 12 mẫu nước tại nhà máy, bể chứa và vòi của hộ dân. Theo [kết quả do Công ty Cấp nước Lam Giang công bố](https://capnuoclamgiang.example/tin-tuc/ket-qua-kiem-nghiem-nuoc-ben-da) và phiếu kết quả thử nghiệm số 418/KQ-KSBT của CDC tỉnh, không mẫu nào có vi khuẩn tả hay coliform; clo dư nằm trong giới hạn cho phép.

Lãnh đạo khoa Truyền nhiễm, Bệnh viện Đa khoa tỉnh cho biết bệnh viện không tiếp nhận ca bệnh tả nào trong năm nay; số ca tiêu chảy trong tuần ở mức bình thường.

**Kết luận:** thông tin nước máy phường Bến Đá nhiễm khuẩn tả là **sai**. Người dân không cần tích trữ nước đóng chai. Khi nghi ngờ chất lượng nước, hãy báo cho đơn vị cấp nước hoặc trạm y tế phường.`,
      status: 'published',
      author: 'bao',
      reviewer: 'lead',
      createdHoursAgo: 146,
      publishedHoursAgo: 141.5,
    },
  },
  {
    key: 'nghiHoc',
    text: 'Sở Giáo dục và Đào tạo cho học sinh mầm non, tiểu học và THCS toàn tỉnh nghỉ học hai tuần từ thứ Hai vì dịch cúm A.',
    status: 'published',
    priority: 'high',
    createdHoursAgo: 336,
    dueInHours: -312,
    firstResponseHoursAgo: 335,
    assignee: 'mai',
    createdBy: 'lead',
    categorySlug: 'giao-duc',
    items: [
      { itemKey: 'nghiHoc-mxh', linkKind: 'manual', linkedBy: 'lead' },
      { itemKey: 'nghiHoc-tip', linkKind: 'matched', matchConfidence: 0.86 },
      { itemKey: 'nghiHoc-ctv', linkKind: 'matched', matchConfidence: 0.9 },
    ],
    evidence: [
      {
        kind: 'url',
        title: 'Sở GD&ĐT bác bỏ thông báo nghỉ học giả mạo',
        url: 'https://sogddt.lamgiang.gov.example/tin-tuc/bac-bo-thong-bao-nghi-hoc-gia-mao',
        note: 'Thông báo chính thức trên trang của Sở Giáo dục và Đào tạo.',
        addedBy: 'mai',
        hoursAgo: 333,
        snapshot: {
          title: 'Sở Giáo dục và Đào tạo bác bỏ thông báo nghỉ học giả mạo',
          text: 'Sở Giáo dục và Đào tạo tỉnh Lam Giang khẳng định không ban hành bất kỳ văn bản nào cho học sinh nghỉ học vì dịch cúm A. Văn bản đang lan truyền trên mạng xã hội là giả mạo: không có số hiệu, không có chữ ký số và sử dụng mẫu trình bày không đúng thể thức văn bản hành chính. Các trường học trên địa bàn tỉnh vẫn dạy và học bình thường. Khi có điều chỉnh lịch học, Sở sẽ thông báo trên cổng thông tin của Sở và qua nhà trường.',
        },
      },
      {
        kind: 'document',
        title: 'Đối chiếu văn bản lan truyền với thể thức văn bản hành chính của Sở GD&ĐT',
        note: 'Văn bản lan truyền không có số hiệu, không có chữ ký số; quốc hiệu, tiêu ngữ và con dấu sai vị trí so với văn bản thật của Sở.',
        addedBy: 'mai',
        hoursAgo: 332,
      },
    ],
    check: {
      slug: 'thong-bao-nghi-hoc-vi-cum-a-la-gia-mao',
      title: 'Thông báo cho học sinh toàn tỉnh nghỉ học vì cúm A là giả mạo',
      rating: 'false',
      summary:
        'Sở Giáo dục và Đào tạo không ban hành văn bản nào cho học sinh nghỉ học vì cúm A. Văn bản lan truyền không có số hiệu, không có chữ ký số; các trường vẫn học bình thường.',
      explanation: `Trong các nhóm phụ huynh lan truyền ảnh chụp một "thông báo khẩn" mang tên Sở Giáo dục và Đào tạo, cho học sinh mầm non, tiểu học và THCS toàn tỉnh nghỉ học hai tuần vì dịch cúm A.

Sở Giáo dục và Đào tạo đã [bác bỏ thông báo này trên trang chính thức của Sở](https://sogddt.lamgiang.gov.example/tin-tuc/bac-bo-thong-bao-nghi-hoc-gia-mao): Sở không ban hành văn bản nào như vậy, các trường vẫn dạy và học bình thường.

Đối chiếu với văn bản thật của Sở, ảnh lan truyền không có số hiệu, không có chữ ký số, quốc hiệu, tiêu ngữ và con dấu đặt sai vị trí.

**Kết luận:** thông báo nghỉ học vì cúm A là **giả mạo**. Lịch học chỉ thay đổi khi nhà trường hoặc Sở thông báo qua kênh chính thức.`,
      status: 'published',
      author: 'mai',
      reviewer: 'bao',
      createdHoursAgo: 334,
      publishedHoursAgo: 331,
    },
  },
  {
    key: 'phiDuongBo',
    text: 'Tin nhắn yêu cầu thanh toán phí đường bộ còn nợ qua đường link, nếu không sẽ bị phạt 2.000.000 đồng, là thông báo của cơ quan chức năng.',
    status: 'published',
    priority: 'high',
    createdHoursAgo: 599,
    dueInHours: -575,
    firstResponseHoursAgo: 598,
    assignee: 'bao',
    createdBy: 'ctv',
    categorySlug: 'lua-dao',
    items: [
      { itemKey: 'phi-tip', linkKind: 'matched', matchConfidence: 0.83 },
      { itemKey: 'phi-ctv', linkKind: 'manual', linkedBy: 'ctv' },
      { itemKey: 'phi-hotline', linkKind: 'matched', matchConfidence: 0.77 },
      { itemKey: 'phi-api', linkKind: 'matched', matchConfidence: 0.86 },
      { itemKey: 'phi-mxh', linkKind: 'matched', matchConfidence: 0.81 },
    ],
    evidence: [
      {
        kind: 'url',
        title: 'Công an tỉnh cảnh báo tin nhắn giả mạo thu phí đường bộ',
        url: 'https://congan.lamgiang.gov.example/canh-bao/tin-nhan-gia-mao-thu-phi-duong-bo',
        note: 'Cảnh báo chính thức, có ảnh chụp các mẫu tin nhắn.',
        addedBy: 'bao',
        hoursAgo: 596,
        snapshot: {
          title: 'Cảnh báo thủ đoạn gửi tin nhắn giả mạo đòi nợ phí đường bộ',
          text: 'Thời gian gần đây, nhiều người dân nhận được tin nhắn thông báo phương tiện còn nợ phí đường bộ, yêu cầu thanh toán qua đường link trong ngày, nếu không sẽ bị phạt 2.000.000 đồng. Đây là thủ đoạn lừa đảo nhằm chiếm đoạt thông tin tài khoản ngân hàng. Cơ quan chức năng không gửi tin nhắn kèm đường link yêu cầu nộp phí hay nộp phạt. Người dân tuyệt đối không bấm vào đường link, không cung cấp mã OTP; nếu đã nhập thông tin, hãy liên hệ ngay ngân hàng để khóa tài khoản và trình báo cơ quan công an gần nhất.',
        },
      },
      {
        kind: 'expert_statement',
        title:
          'Ý kiến của Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao, Công an tỉnh',
        note: 'Tên miền trong tin nhắn mới được đăng ký, máy chủ đặt ở nước ngoài; trang thanh toán giả yêu cầu nhập số thẻ và mã OTP.',
        addedBy: 'bao',
        hoursAgo: 595,
      },
    ],
    check: {
      slug: 'tin-nhan-doi-no-phi-duong-bo-la-lua-dao',
      title: 'Tin nhắn đòi nợ phí đường bộ kèm đường link là lừa đảo',
      rating: 'false',
      summary:
        'Cơ quan chức năng không gửi tin nhắn kèm đường link yêu cầu nộp phí hay nộp phạt. Các tin nhắn đòi nợ phí đường bộ dẫn tới trang giả để lấy thông tin thẻ và mã OTP.',
      explanation: `Nhiều người nhận được tin nhắn báo phương tiện "chưa thanh toán phí đường bộ", yêu cầu bấm vào đường link để trả tiền trong ngày, nếu không sẽ bị phạt 2.000.000 đồng.

[Công an tỉnh đã cảnh báo](https://congan.lamgiang.gov.example/canh-bao/tin-nhan-gia-mao-thu-phi-duong-bo) đây là thủ đoạn lừa đảo: cơ quan chức năng không gửi tin nhắn kèm đường link yêu cầu nộp phí hay nộp phạt. Theo Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao, tên miền trong tin nhắn mới được đăng ký, máy chủ đặt ở nước ngoài, và trang thanh toán giả đòi nhập số thẻ cùng mã OTP.

**Kết luận:** tin nhắn này **không phải** thông báo của cơ quan chức năng. Không bấm vào đường link, không cung cấp mã OTP. Nếu đã nhập thông tin, hãy gọi ngay cho ngân hàng để khóa tài khoản và trình báo công an.`,
      status: 'published',
      author: 'bao',
      reviewer: 'mai',
      createdHoursAgo: 597,
      publishedHoursAgo: 593,
    },
  },
  {
    key: 'luongHuu',
    text: 'Từ tháng tới, tất cả người hưởng lương hưu ở Lam Giang được tỉnh cộng thêm 1 triệu đồng mỗi tháng.',
    status: 'published',
    priority: 'normal',
    createdHoursAgo: 237,
    dueInHours: -165,
    firstResponseHoursAgo: 232,
    assignee: 'mai',
    createdBy: 'lead',
    categorySlug: 'chinh-sach',
    items: [
      { itemKey: 'huu-tinNhanh', linkKind: 'manual', linkedBy: 'lead' },
      { itemKey: 'huu-ctv', linkKind: 'matched', matchConfidence: 0.82 },
      { itemKey: 'huu-tip', linkKind: 'matched', matchConfidence: 0.71 },
    ],
    evidence: [
      {
        kind: 'url',
        title:
          'Nghị quyết số 27/2025/NQ-HĐND về hỗ trợ một lần cho người hưởng lương hưu thuộc hộ nghèo, hộ cận nghèo',
        url: 'https://hdnd.lamgiang.gov.example/nghi-quyet/27-2025-nq-hdnd',
        note: 'Toàn văn nghị quyết trên trang của HĐND tỉnh; đối tượng ở Điều 2, mức và hình thức hỗ trợ ở Điều 3.',
        addedBy: 'mai',
        hoursAgo: 230,
        snapshot: {
          title:
            'Nghị quyết quy định mức hỗ trợ một lần cho người hưởng lương hưu thuộc hộ nghèo, hộ cận nghèo trên địa bàn tỉnh Lam Giang',
          text: 'Điều 2. Đối tượng áp dụng: người đang hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng, có nơi thường trú trên địa bàn tỉnh và thuộc hộ nghèo, hộ cận nghèo. Điều 3. Mức hỗ trợ: 1.000.000 đồng/người, chi trả một lần. Điều 4. Danh sách người được hỗ trợ do Ủy ban nhân dân xã, phường lập và niêm yết công khai; người dân không phải nộp hồ sơ.',
        },
      },
      {
        kind: 'document',
        title: 'Nghị quyết số 27/2025/NQ-HĐND (bản PDF có chữ ký số)',
        note: 'Bản lưu của văn bản gốc, đối chiếu với bản đăng trên trang HĐND tỉnh.',
        addedBy: 'mai',
        hoursAgo: 229,
      },
      {
        kind: 'expert_statement',
        title: 'Trả lời của Bảo hiểm xã hội tỉnh',
        note: 'Mức lương hưu do trung ương quy định và chi trả qua Bảo hiểm xã hội; khoản hỗ trợ của tỉnh là tiền chi một lần, không cộng vào lương hưu hằng tháng.',
        addedBy: 'mai',
        hoursAgo: 228,
      },
    ],
    check: {
      slug: 'tinh-khong-cong-them-1-trieu-dong-moi-thang-vao-luong-huu',
      title: 'Tỉnh không cộng thêm 1 triệu đồng mỗi tháng cho mọi người hưởng lương hưu',
      rating: 'misleading',
      summary:
        'Nghị quyết mới của HĐND tỉnh hỗ trợ 1 triệu đồng, nhưng chỉ một lần và chỉ cho người hưởng lương hưu thuộc hộ nghèo, hộ cận nghèo. Không có khoản cộng thêm hằng tháng cho mọi người hưởng lương hưu.',
      explanation: `Bài viết lan truyền cho rằng theo nghị quyết mới của HĐND tỉnh, mọi người hưởng lương hưu được cộng thêm 1 triệu đồng mỗi tháng, không cần làm thủ tục.

Nghị quyết có thật và con số 1 triệu đồng cũng đúng, nhưng đối tượng và cách chi trả bị bóp méo. Theo [Nghị quyết số 27/2025/NQ-HĐND](https://hdnd.lamgiang.gov.example/nghi-quyet/27-2025-nq-hdnd), chỉ người hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng **thuộc hộ nghèo, hộ cận nghèo** được hỗ trợ, mức 1.000.000 đồng/người, **chi trả một lần**. Danh sách do UBND xã, phường lập và niêm yết công khai.

Bảo hiểm xã hội tỉnh cho biết mức lương hưu do trung ương quy định; khoản hỗ trợ của tỉnh không cộng vào lương hưu hằng tháng.

**Kết luận:** thông tin **gây hiểu nhầm**. Người thuộc diện được hỗ trợ không phải làm hồ sơ; nếu chưa có tên trong danh sách niêm yết, hãy hỏi UBND xã, phường nơi cư trú.`,
      status: 'published',
      author: 'mai',
      reviewer: 'lead',
      createdHoursAgo: 231,
      publishedHoursAgo: 226,
    },
  },
  {
    key: 'kheMay',
    text: 'Đập hồ Khe Mây sắp vỡ, người dân hạ du phải sơ tán khẩn cấp trong đêm.',
    status: 'published',
    priority: 'urgent',
    createdHoursAgo: 480.7,
    dueInHours: -476.7,
    firstResponseHoursAgo: 480.6,
    assignee: 'bao',
    createdBy: 'lead',
    categorySlug: 'thien-tai',
    items: [
      { itemKey: 'dap-video', linkKind: 'manual', linkedBy: 'lead' },
      { itemKey: 'dap-ctv', linkKind: 'matched', matchConfidence: 0.87 },
      { itemKey: 'dap-tinNhanh', linkKind: 'matched', matchConfidence: 0.76 },
      { itemKey: 'dap-ptth', linkKind: 'manual', linkedBy: 'bao' },
      { itemKey: 'dap-tip', linkKind: 'matched', matchConfidence: 0.8 },
    ],
    evidence: [
      {
        kind: 'url',
        title: 'Ban Chỉ huy Phòng thủ dân sự tỉnh thông báo hồ Khe Mây vận hành xả tràn',
        url: 'https://pctt.lamgiang.gov.example/thong-bao/ho-khe-may-van-hanh-xa-tran',
        note: 'Thông báo phát hành trước giờ xả, có lưu lượng và thời gian dự kiến.',
        addedBy: 'bao',
        hoursAgo: 480,
        snapshot: {
          title: 'Thông báo vận hành xả tràn hồ chứa nước Khe Mây',
          text: 'Thực hiện quy trình vận hành hồ chứa, đơn vị quản lý hồ Khe Mây mở cửa xả tràn từ 16 giờ chiều nay với lưu lượng 80 m³/s để đón lũ do mưa lớn dự báo trong hai ngày tới. Mực nước hạ du sông Lam Giang có thể lên 0,3–0,5 m, không gây ngập khu dân cư. Các xã Khe Mây, Phú Điền và Tân Lộc đã được thông báo để nhắc người dân không đánh bắt cá, không qua lại ở lòng sông. Thân đập và các hạng mục công trình làm việc bình thường.',
        },
      },
      {
        kind: 'expert_statement',
        title: 'Ý kiến của đơn vị quản lý hồ chứa Khe Mây',
        note: 'Kiểm tra thân đập sau khi có tin đồn: không có vết nứt, thiết bị quan trắc thấm trong ngưỡng an toàn.',
        addedBy: 'bao',
        hoursAgo: 479.5,
      },
      {
        kind: 'document',
        title: 'Đối chiếu video "vỡ đập" với video lũ đăng năm 2020',
        note: 'Khung hình trùng với một video lũ quay ở địa phương khác, đăng lần đầu năm 2020; địa hình không khớp với khu vực hồ Khe Mây.',
        addedBy: 'mai',
        hoursAgo: 479,
      },
    ],
    check: {
      slug: 'ho-khe-may-xa-tran-theo-quy-trinh-khong-vo-dap',
      title: 'Hồ Khe Mây xả tràn theo quy trình, không có nguy cơ vỡ đập',
      rating: 'misleading',
      summary:
        'Hồ Khe Mây có xả tràn, nhưng theo quy trình và được thông báo trước; thân đập không có vết nứt và không có lệnh sơ tán. Video "vỡ đập" là cảnh lũ ở nơi khác, đăng từ năm 2020.',
      explanation: `Một video lan truyền với lời bình "đập Khe Mây sắp vỡ", kêu gọi người dân hạ du sông Lam Giang "sơ tán gấp, đừng chờ thông báo".

Hồ Khe Mây có mở cửa xả tràn chiều hôm đó, nhưng là xả điều tiết theo quy trình vận hành để đón mưa lớn. [Thông báo của Ban Chỉ huy Phòng thủ dân sự tỉnh](https://pctt.lamgiang.gov.example/thong-bao/ho-khe-may-van-hanh-xa-tran) phát hành trước giờ xả nêu lưu lượng 80 m³/s, mực nước hạ du có thể lên 0,3–0,5 m, không gây ngập khu dân cư. Đơn vị quản lý hồ kiểm tra thân đập sau khi có tin đồn: không có vết nứt, số liệu quan trắc thấm trong ngưỡng an toàn. Hồ Khe Mây là hồ thủy lợi, không phải thủy điện như lời bình trong video.

Đối chiếu từng khung hình cho thấy video "vỡ đập" chính là một video lũ quay ở địa phương khác, đăng lần đầu năm 2020; địa hình trong video không khớp với khu vực hồ Khe Mây.

**Kết luận:** việc xả lũ là có thật, nhưng thông tin "vỡ đập, sơ tán khẩn cấp" là **gây hiểu nhầm**. Khi có lệnh sơ tán, chính quyền xã thông báo qua loa truyền thanh và lực lượng tại chỗ.`,
      status: 'published',
      author: 'bao',
      reviewer: 'lead',
      createdHoursAgo: 480.3,
      publishedHoursAgo: 478.5,
    },
  },
  {
    key: 'sotXuatHuyet',
    text: 'Xã Tân Lộc đang có ổ dịch sốt xuất huyết.',
    status: 'published',
    priority: 'high',
    createdHoursAgo: 99.5,
    dueInHours: -75.5,
    firstResponseHoursAgo: 98,
    assignee: 'mai',
    createdBy: 'ctv',
    categorySlug: 'suc-khoe',
    items: [
      { itemKey: 'sxh-tip', linkKind: 'matched', matchConfidence: 0.8 },
      { itemKey: 'sxh-ctv', linkKind: 'manual', linkedBy: 'ctv' },
      { itemKey: 'sxh-bao', linkKind: 'matched', matchConfidence: 0.85 },
    ],
    evidence: [
      {
        kind: 'url',
        title: 'CDC tỉnh: bản tin tình hình sốt xuất huyết trong tuần',
        url: 'https://cdc.lamgiang.gov.example/ban-tin/tinh-hinh-sot-xuat-huyet-tuan-nay',
        note: 'Bản tin dịch tễ, có danh sách ổ dịch đang xử lý.',
        addedBy: 'mai',
        hoursAgo: 94,
        snapshot: {
          title: 'Tình hình bệnh sốt xuất huyết trên địa bàn tỉnh trong tuần',
          text: 'Trong tuần, toàn tỉnh ghi nhận 23 ca sốt xuất huyết, không có ca tử vong. Ổ dịch mới được xác định tại thôn Đồng Chùa, xã Tân Lộc, với 7 ca mắc. Trung tâm đã phối hợp với trạm y tế xã phun hóa chất diệt muỗi trong bán kính 200 m quanh các ca bệnh và tổ chức chiến dịch diệt lăng quăng. Người dân có biểu hiện sốt cao liên tục cần đến cơ sở y tế để được khám, không tự ý dùng thuốc hạ sốt nhóm aspirin.',
        },
      },
      {
        kind: 'expert_statement',
        title: 'Ý kiến của khoa Phòng chống bệnh truyền nhiễm, CDC tỉnh',
        note: 'Các ca bệnh ở Tân Lộc đều đã ổn định; trường học trong xã không phải nghỉ học, chỉ cần vệ sinh, diệt lăng quăng.',
        addedBy: 'mai',
        hoursAgo: 93,
      },
    ],
    check: {
      slug: 'xa-tan-loc-co-o-dich-sot-xuat-huyet',
      title: 'Xã Tân Lộc đúng là có ổ dịch sốt xuất huyết',
      rating: 'true',
      summary:
        'CDC tỉnh xác nhận ổ dịch sốt xuất huyết ở thôn Đồng Chùa, xã Tân Lộc, với 7 ca mắc, không có ca tử vong. Ổ dịch đang được xử lý; trường học không phải nghỉ.',
      explanation: `Người dân hỏi tin "xã Tân Lộc có dịch sốt xuất huyết" có đúng không và có cần cho trẻ nghỉ học.

Thông tin này **đúng**. [Bản tin dịch tễ trong tuần của CDC tỉnh](https://cdc.lamgiang.gov.example/ban-tin/tinh-hinh-sot-xuat-huyet-tuan-nay) xác định ổ dịch mới tại thôn Đồng Chùa, xã Tân Lộc, với 7 ca mắc, không có ca tử vong. Ngành y tế đã phun hóa chất trong bán kính 200 m quanh các ca bệnh và tổ chức diệt lăng quăng.

Khoa Phòng chống bệnh truyền nhiễm của CDC tỉnh cho biết các ca bệnh đều đã ổn định và trường học trong xã không phải nghỉ học.

Người có biểu hiện sốt cao liên tục nên đến cơ sở y tế, không tự ý dùng thuốc hạ sốt nhóm aspirin.`,
      status: 'published',
      author: 'mai',
      reviewer: 'bao',
      createdHoursAgo: 95,
      publishedHoursAgo: 91,
    },
  },
  {
    key: 'caChet',
    text: 'Cá chết hàng loạt trên sông Lam Giang là do nhà máy giấy đầu nguồn xả thải.',
    status: 'corrected',
    priority: 'high',
    createdHoursAgo: 290.5,
    dueInHours: -266.5,
    firstResponseHoursAgo: 289,
    assignee: 'bao',
    createdBy: 'lead',
    categorySlug: 'thien-tai',
    items: [
      { itemKey: 'ca-mxh', linkKind: 'manual', linkedBy: 'lead' },
      { itemKey: 'ca-bao', linkKind: 'matched', matchConfidence: 0.74 },
      { itemKey: 'ca-tip', linkKind: 'matched', matchConfidence: 0.72 },
    ],
    evidence: [
      {
        kind: 'url',
        title: 'Sở Nông nghiệp và Môi trường thông tin kết quả quan trắc nước sông Lam Giang',
        url: 'https://snnmt.lamgiang.gov.example/tin-tuc/ket-qua-quan-trac-song-lam-giang',
        note: 'Kết quả hai đợt lấy mẫu; trang được lưu lại khi đính chính, sau khi Sở bổ sung đợt 2.',
        addedBy: 'bao',
        hoursAgo: 284,
        snapshot: {
          fetchedHoursAgo: 201,
          title: 'Kết quả quan trắc chất lượng nước sông Lam Giang đoạn qua xã Tân Lộc',
          text: 'Đợt 1: hàm lượng oxy hòa tan tại đoạn sông qua xã Tân Lộc thấp hơn giới hạn cho phép; các chỉ tiêu kim loại nặng trong giới hạn. Đợt 2: oxy hòa tan đã phục hồi; chưa phát hiện chất độc trong mẫu cá. Mẫu nước thải tại cửa xả của các cơ sở sản xuất đầu nguồn đang được phân tích. Sở sẽ công bố kết luận về nguyên nhân khi có đủ kết quả. Khuyến cáo người dân không sử dụng cá chết, tạm không dùng nước sông tại khu vực này để tưới rau.',
        },
      },
      {
        kind: 'document',
        title: 'Biên bản lấy mẫu nước và mẫu cá của đoàn công tác liên ngành',
        note: 'Vị trí lấy mẫu: đoạn sông qua xã Tân Lộc và cửa xả của các cơ sở sản xuất đầu nguồn.',
        addedBy: 'bao',
        hoursAgo: 283,
      },
      {
        kind: 'expert_statement',
        title: 'Ý kiến của Chi cục Bảo vệ môi trường',
        note: 'Oxy hòa tan thấp có thể do nhiều nguyên nhân (thời tiết nắng nóng, nước thải, tảo); cần kết quả phân tích nước thải để kết luận.',
        addedBy: 'bao',
        hoursAgo: 282,
      },
    ],
    check: {
      slug: 'chua-du-can-cu-ket-luan-ca-chet-do-nha-may-giay',
      title: 'Chưa đủ căn cứ để nói cá chết trên sông Lam Giang là do nhà máy giấy',
      rating: 'unproven',
      summary:
        'Cá chết ở đoạn sông qua xã Tân Lộc là có thật và nước thiếu oxy, nhưng chưa có kết quả nào cho thấy nguyên nhân là nước thải của nhà máy giấy. Cơ quan chức năng đang phân tích mẫu nước thải.',
      explanation: `Bài đăng lan truyền khẳng định cá chết trên sông Lam Giang "chắc chắn do nhà máy giấy đầu nguồn xả thải".

Cá chết là có thật, ở đoạn sông qua xã Tân Lộc. Theo [kết quả quan trắc của Sở Nông nghiệp và Môi trường](https://snnmt.lamgiang.gov.example/tin-tuc/ket-qua-quan-trac-song-lam-giang), lần lấy mẫu đầu cho thấy nước thiếu oxy hòa tan, kim loại nặng trong giới hạn; đợt lấy mẫu thứ hai cho thấy oxy hòa tan đã phục hồi và chưa phát hiện chất độc trong mẫu cá. Mẫu nước thải ở cửa xả của các cơ sở sản xuất đầu nguồn đang được phân tích, theo biên bản lấy mẫu của đoàn công tác liên ngành.

Chi cục Bảo vệ môi trường cho biết nước thiếu oxy có thể do nhiều nguyên nhân (nắng nóng, nước thải, tảo), nên chưa thể kết luận khi chưa có kết quả nước thải.

**Kết luận:** **chưa đủ căn cứ** để nói nhà máy giấy gây ra cá chết. Chúng tôi sẽ cập nhật khi có kết luận chính thức. Trong lúc chờ, không sử dụng cá chết và tạm không dùng nước sông ở khu vực này để tưới rau.`,
      status: 'published',
      author: 'bao',
      reviewer: 'mai',
      createdHoursAgo: 284,
      publishedHoursAgo: 280,
      correction: {
        reason:
          'Sửa địa điểm: cá chết ở đoạn sông qua xã Tân Lộc, không phải xã Phú Điền như bản đăng lần đầu. Bổ sung kết quả lấy mẫu đợt 2. Kết luận không thay đổi.',
        hoursAgo: 200,
        by: 'bao',
        before: {
          title: 'Chưa đủ căn cứ để nói cá chết trên sông Lam Giang là do nhà máy giấy',
          summary:
            'Cá chết ở đoạn sông qua xã Phú Điền là có thật và nước thiếu oxy, nhưng chưa có kết quả nào cho thấy nguyên nhân là nước thải của nhà máy giấy. Cơ quan chức năng đang phân tích mẫu nước thải.',
          explanation: `Bài đăng lan truyền khẳng định cá chết trên sông Lam Giang "chắc chắn do nhà máy giấy đầu nguồn xả thải".

Cá chết là có thật, ở đoạn sông qua xã Phú Điền. Theo [kết quả quan trắc của Sở Nông nghiệp và Môi trường](https://snnmt.lamgiang.gov.example/tin-tuc/ket-qua-quan-trac-song-lam-giang), nước thiếu oxy hòa tan, kim loại nặng trong giới hạn. Mẫu nước thải ở cửa xả của các cơ sở sản xuất đầu nguồn đang được phân tích.

Chi cục Bảo vệ môi trường cho biết nước thiếu oxy có thể do nhiều nguyên nhân (nắng nóng, nước thải, tảo), nên chưa thể kết luận khi chưa có kết quả nước thải.

**Kết luận:** **chưa đủ căn cứ** để nói nhà máy giấy gây ra cá chết. Chúng tôi sẽ cập nhật khi có kết luận chính thức.`,
        },
      },
    },
  },
  {
    key: 'phoDiBo',
    text: 'Phố đi bộ ven sông Lam Giang là nơi chán nhất tỉnh, làm ra chỉ tốn tiền.',
    status: 'rejected',
    rejectionReason: 'not_checkable',
    priority: 'low',
    createdHoursAgo: 190,
    firstResponseHoursAgo: 186,
    assignee: 'mai',
    createdBy: 'ctv',
    items: [{ itemKey: 'phoDiBo-mxh', linkKind: 'manual', linkedBy: 'ctv' }],
    evidence: [
      {
        kind: 'url',
        title: 'Thông tin công khai về dự án phố đi bộ ven sông Lam Giang',
        url: 'https://lamgiang.gov.example/du-an/pho-di-bo-ven-song',
        note: 'Để bạn đọc tham khảo số liệu; không dùng để chấm đúng hay sai một ý kiến.',
        addedBy: 'mai',
        hoursAgo: 185,
        snapshot: {
          title: 'Dự án phố đi bộ ven sông Lam Giang',
          text: 'Phố đi bộ ven sông Lam Giang dài 1,2 km, mở cửa các tối thứ Sáu, thứ Bảy và Chủ nhật. Dự án được đầu tư từ ngân sách tỉnh và nguồn xã hội hóa; tổng mức đầu tư, tiến độ giải ngân và kết quả khai thác được công khai trong báo cáo hằng năm của UBND tỉnh.',
        },
      },
    ],
    check: {
      slug: 'y-kien-ve-pho-di-bo-ven-song-khong-phai-nhan-dinh-kiem-chung-duoc',
      title: 'Ý kiến "phố đi bộ ven sông chán nhất tỉnh" không phải nhận định kiểm chứng được',
      rating: 'not_checkable',
      summary:
        'Đây là cảm nhận cá nhân về một địa điểm vui chơi, không có dữ kiện để xác định đúng hay sai. Chúng tôi không gắn nhãn "Sai" cho ý kiến.',
      explanation: `Bài đăng cho rằng phố đi bộ ven sông Lam Giang "chán nhất tỉnh, làm ra chỉ tốn tiền".

"Chán" hay "vui" là cảm nhận của mỗi người, nên đây không phải một nhận định có thể kiểm chứng. Ai muốn tìm hiểu chi phí và hiệu quả của dự án có thể xem [thông tin công khai về phố đi bộ ven sông](https://lamgiang.gov.example/du-an/pho-di-bo-ven-song) và báo cáo hằng năm của UBND tỉnh.`,
      status: 'published',
      author: 'mai',
      reviewer: 'lead',
      createdHoursAgo: 186,
      publishedHoursAgo: 182,
    },
  },
  {
    key: 'caSau',
    text: 'Ngư dân bắt được cá sấu dài gần 5 m ở hồ Khe Mây.',
    status: 'new',
    priority: 'normal',
    createdHoursAgo: 1.8,
    dueInHours: 70.2,
    createdBy: 'ctv',
    categorySlug: 'anh-video-gia',
    items: [
      { itemKey: 'caSau-ctv', linkKind: 'manual', linkedBy: 'ctv' },
      { itemKey: 'caSau-mxh', linkKind: 'matched', matchConfidence: 0.78 },
    ],
    evidence: [],
  },
  {
    key: 'giaDat',
    text: 'Theo bảng giá đất mới, giá đất ven sông Lam Giang sẽ tăng gấp ba từ đầu năm sau.',
    status: 'triage',
    priority: 'high',
    createdHoursAgo: 28,
    dueInHours: -4,
    firstResponseHoursAgo: 25,
    assignee: 'lead',
    createdBy: 'lead',
    categorySlug: 'dat-dai',
    items: [
      { itemKey: 'giaDat-tinNhanh', linkKind: 'manual', linkedBy: 'lead' },
      { itemKey: 'giaDat-mxh', linkKind: 'matched', matchConfidence: 0.83 },
    ],
    evidence: [],
  },
  {
    key: 'bhyt',
    text: 'Từ đầu tháng sau, Bệnh viện Đa khoa tỉnh ngừng khám chữa bệnh bảo hiểm y tế.',
    status: 'researching',
    priority: 'urgent',
    createdHoursAgo: 10,
    dueInHours: -6,
    firstResponseHoursAgo: 9.5,
    assignee: 'mai',
    createdBy: 'ctv',
    categorySlug: 'suc-khoe',
    items: [
      { itemKey: 'bhyt-ctv', linkKind: 'manual', linkedBy: 'ctv' },
      { itemKey: 'bhyt-mxh', linkKind: 'matched', matchConfidence: 0.89 },
    ],
    evidence: [
      {
        kind: 'document',
        title: 'Hợp đồng khám chữa bệnh bảo hiểm y tế giữa BHXH tỉnh và Bệnh viện Đa khoa tỉnh',
        note: 'Đã đề nghị BHXH tỉnh gửi bản chụp trang thời hạn hợp đồng; đang chờ.',
        addedBy: 'mai',
        hoursAgo: 8,
      },
    ],
  },
  {
    key: 'locXoay',
    text: 'Video lốc xoáy làm tốc mái cả dãy nhà ở xã Phú Điền được quay chiều hôm qua.',
    status: 'in_review',
    priority: 'normal',
    createdHoursAgo: 37,
    dueInHours: 35,
    firstResponseHoursAgo: 35,
    assignee: 'bao',
    createdBy: 'lead',
    categorySlug: 'anh-video-gia',
    items: [
      { itemKey: 'loc-video', linkKind: 'manual', linkedBy: 'lead' },
      { itemKey: 'loc-tip', linkKind: 'matched', matchConfidence: 0.81 },
    ],
    evidence: [
      {
        kind: 'url',
        title: 'Bản tin thế giới năm 2019 của Báo Lam Giang có cùng đoạn video',
        url: 'https://baotinhdemo.vn/the-gioi/loc-xoay-tan-pha-khu-dan-cu-o-nuoc-ngoai-11873.html',
        note: 'Tìm ngược hình ảnh dẫn tới bản tin này, đăng năm 2019; biển hiệu trong video không phải tiếng Việt.',
        addedBy: 'bao',
        hoursAgo: 30,
        snapshot: {
          title: 'Lốc xoáy tàn phá khu dân cư ở nước ngoài',
          text: 'Một cơn lốc xoáy mạnh quét qua khu dân cư ở ngoại ô một thành phố nước ngoài, làm tốc mái cả dãy nhà và quật đổ nhiều cột điện dọc phố. Chưa có thông tin về thương vong. (Video: mạng xã hội)',
        },
      },
      {
        kind: 'expert_statement',
        title: 'Ý kiến của Đài Khí tượng thủy văn tỉnh',
        note: 'Chiều hôm đó khu vực xã Phú Điền trời nắng, không có dông lốc.',
        addedBy: 'bao',
        hoursAgo: 29,
      },
    ],
    check: {
      slug: 'video-loc-xoay-phu-dien-la-video-cu-o-nuoc-ngoai',
      title: 'Video "lốc xoáy ở Phú Điền" là video cũ quay ở nước ngoài',
      rating: 'false',
      summary:
        'Đoạn video đã xuất hiện từ năm 2019, quay một cơn lốc ở nước ngoài. Đài Khí tượng thủy văn tỉnh cho biết chiều hôm đó xã Phú Điền không có dông lốc.',
      explanation: `Video lan truyền với lời bình "lốc xoáy ở xã Phú Điền chiều qua".

Tìm ngược hình ảnh cho thấy cùng đoạn video đã xuất hiện trong [một bản tin thế giới năm 2019 của Báo Lam Giang](https://baotinhdemo.vn/the-gioi/loc-xoay-tan-pha-khu-dan-cu-o-nuoc-ngoai-11873.html), về một cơn lốc ở nước ngoài; biển hiệu trong video không phải tiếng Việt. Đài Khí tượng thủy văn tỉnh cho biết chiều hôm đó khu vực xã Phú Điền trời nắng, không có dông lốc.

**Kết luận:** video **không** quay ở Phú Điền.`,
      status: 'in_review',
      author: 'bao',
      createdHoursAgo: 28,
    },
  },
  {
    key: 'soDo',
    text: 'Sổ đỏ cấp trước năm 2000 sẽ bị thu hồi, ai không đổi sang mẫu mới trước cuối năm sẽ mất quyền sử dụng đất.',
    status: 'approved',
    priority: 'high',
    createdHoursAgo: 72,
    dueInHours: -48,
    firstResponseHoursAgo: 70,
    assignee: 'mai',
    createdBy: 'ctv',
    categorySlug: 'dat-dai',
    items: [
      { itemKey: 'soDo-ctv', linkKind: 'manual', linkedBy: 'ctv' },
      { itemKey: 'soDo-mxh', linkKind: 'matched', matchConfidence: 0.85 },
    ],
    evidence: [
      {
        kind: 'document',
        title: 'Luật Đất đai năm 2024: quy định chuyển tiếp về giấy chứng nhận đã cấp',
        note: 'Giấy chứng nhận đã cấp trước ngày Luật có hiệu lực vẫn có giá trị pháp lý, không bắt buộc cấp đổi.',
        addedBy: 'mai',
        hoursAgo: 60,
      },
      {
        kind: 'expert_statement',
        title: 'Trả lời của Văn phòng Đăng ký đất đai tỉnh',
        note: 'Tỉnh không có chủ trương thu hồi giấy chứng nhận cấp trước năm 2000; người dân chỉ cấp đổi khi có nhu cầu.',
        addedBy: 'mai',
        hoursAgo: 55,
      },
    ],
    check: {
      slug: 'so-do-cap-truoc-nam-2000-khong-bi-thu-hoi',
      title: 'Sổ đỏ cấp trước năm 2000 không bị thu hồi, không bắt buộc đổi mẫu mới',
      rating: 'false',
      summary:
        'Giấy chứng nhận đã cấp vẫn có giá trị pháp lý; người dân chỉ cấp đổi khi có nhu cầu. Tỉnh không có chủ trương thu hồi sổ đỏ cấp trước năm 2000.',
      explanation: `Tin đồn cho rằng sổ đỏ cấp trước năm 2000 sẽ bị thu hồi và ai không đổi sang mẫu mới trước cuối năm sẽ mất quyền sử dụng đất.

Theo quy định chuyển tiếp của Luật Đất đai năm 2024, giấy chứng nhận đã cấp trước ngày Luật có hiệu lực vẫn có giá trị pháp lý và không bắt buộc cấp đổi. Văn phòng Đăng ký đất đai tỉnh khẳng định tỉnh không có chủ trương thu hồi sổ đỏ cấp trước năm 2000.

**Kết luận:** thông tin **sai**. Cẩn thận với người nhận "làm dịch vụ đổi sổ gấp" kèm phí.`,
      status: 'approved',
      author: 'mai',
      reviewer: 'lead',
      createdHoursAgo: 50,
    },
  },
  {
    key: 'nuocMay-trung',
    text: 'Nuoc may Ben Da co vi khuan ta, 40 nguoi nhap vien.',
    status: 'rejected',
    rejectionReason: 'duplicate',
    mergedIntoKey: 'nuocMay',
    priority: 'normal',
    createdHoursAgo: 140.5,
    firstResponseHoursAgo: 139,
    createdBy: 'ctv',
    categorySlug: 'suc-khoe',
    items: [{ itemKey: 'nuocMay-ctv', linkKind: 'manual', linkedBy: 'ctv' }],
    evidence: [],
  },
  {
    key: 'dienThaiLan',
    text: 'Thái Lan miễn phí tiền điện cho toàn dân từ tháng này.',
    status: 'rejected',
    rejectionReason: 'out_of_scope',
    priority: 'low',
    createdHoursAgo: 214,
    firstResponseHoursAgo: 200,
    createdBy: 'lead',
    items: [{ itemKey: 'dienThaiLan', linkKind: 'manual', linkedBy: 'lead' }],
    evidence: [],
  },
];

const tips: DemoTip[] = [
  {
    receiptCode: receiptCodeFromBody('7Q4M9XZ20000'),
    itemKey: 'nuocMay-tip',
    status: 'answered',
    answerClaimKey: 'nuocMay',
  },
  {
    receiptCode: receiptCodeFromBody('3HNDW8PA0000'),
    itemKey: 'nghiHoc-tip',
    status: 'answered',
    answerClaimKey: 'nghiHoc',
  },
  {
    receiptCode: receiptCodeFromBody('R5TE2KVB0000'),
    itemKey: 'phi-tip',
    status: 'answered',
    answerClaimKey: 'phiDuongBo',
  },
  {
    receiptCode: receiptCodeFromBody('M9JC4TQE0000'),
    itemKey: 'huu-tip',
    status: 'answered',
    answerClaimKey: 'luongHuu',
  },
  {
    receiptCode: receiptCodeFromBody('6WXFH3RN0000'),
    itemKey: 'dap-tip',
    status: 'answered',
    answerClaimKey: 'kheMay',
  },
  {
    receiptCode: receiptCodeFromBody('P2GD8VKS0000'),
    itemKey: 'sxh-tip',
    status: 'answered',
    answerClaimKey: 'sotXuatHuyet',
  },
  {
    receiptCode: receiptCodeFromBody('Z4BW7CMA0000'),
    itemKey: 'ca-tip',
    status: 'answered',
    answerClaimKey: 'caChet',
  },
  { receiptCode: receiptCodeFromBody('T8NQ5EHJ0000'), itemKey: 'loc-tip', status: 'in_progress' },
  {
    receiptCode: receiptCodeFromBody('4YFVK2WD0000'),
    itemKey: 'trungThuong-tip',
    status: 'received',
  },
];

const statements: DemoStatement[] = [
  {
    slug: 'ho-khe-may-xa-tran-theo-quy-trinh-than-dap-an-toan',
    title: 'Hồ Khe Mây xả tràn theo quy trình vận hành, thân đập an toàn',
    body: `Chiều nay, đơn vị quản lý hồ chứa nước Khe Mây mở cửa xả tràn với lưu lượng 80 m³/s để đón lũ, theo quy trình vận hành hồ chứa và đã được thông báo trước cho các xã hạ du.

Thân đập và các hạng mục công trình làm việc bình thường, không có vết nứt. Mực nước sông Lam Giang đoạn hạ du có thể lên 0,3–0,5 m, không gây ngập khu dân cư. Hiện **không có lệnh sơ tán**.

Video "vỡ đập Khe Mây" đang lan truyền là cảnh lũ ở địa phương khác, đăng từ năm 2020. Đề nghị người dân không chia sẻ, và theo dõi thông báo chính thức qua loa truyền thanh của xã, Đài Phát thanh và Truyền hình tỉnh và cổng thông tin điện tử của tỉnh.

${DEMO_OFFICE}`,
    categorySlug: 'thien-tai',
    claimKey: 'kheMay',
    author: 'press',
    issuedHoursAgo: 478,
    publishedHoursAgo: 477.8,
  },
  {
    slug: 'canh-bao-tin-nhan-gia-mao-doi-no-phi-duong-bo',
    title: 'Cảnh báo tin nhắn giả mạo đòi nợ phí đường bộ',
    body: `Thời gian gần đây, nhiều người dân trong tỉnh nhận được tin nhắn báo phương tiện còn nợ phí đường bộ, yêu cầu thanh toán qua đường link trong ngày để tránh bị phạt.

Đây là thủ đoạn lừa đảo. Cơ quan nhà nước **không** gửi tin nhắn kèm đường link yêu cầu nộp phí hay nộp phạt. Người dân:

- không bấm vào đường link trong tin nhắn;
- không cung cấp số thẻ, mật khẩu, mã OTP cho bất kỳ ai;
- nếu đã nhập thông tin, gọi ngay cho ngân hàng để khóa tài khoản và trình báo cơ quan công an gần nhất.

${DEMO_OFFICE}`,
    categorySlug: 'lua-dao',
    claimKey: 'phiDuongBo',
    author: 'press',
    issuedHoursAgo: 590,
    publishedHoursAgo: 589,
  },
];

const inquiries: DemoInquiry[] = [
  {
    outlet: 'Tạp chí điện tử Nhịp sống Lam Giang (hư cấu)',
    question:
      'Đề nghị cho biết đã có kết quả phân tích mẫu nước thải ở đầu nguồn sông Lam Giang chưa, và khi nào cơ quan chức năng công bố nguyên nhân cá chết?',
    status: 'assigned',
    assignee: 'press',
    createdHoursAgo: 20,
    dueInHours: 28,
  },
];

/** The whole demo desk. */
export const demoContent: DemoContent = {
  users,
  categories,
  sources,
  clusters,
  items,
  claims,
  tips,
  statements,
  inquiries,
};
