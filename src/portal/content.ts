/**
 * The portal's own writing: guides to checking information yourself, the about page and the
 * methodology (rating scale, corrections policy). Plain markup, both languages.
 */
import type { Rating } from '../core/types.js';
import { html, type SafeHtml } from './html.js';
import { RATING_INFO, type Lang } from './i18n.js';

export interface Guide {
  slug: string;
  title: Record<Lang, string>;
  summary: Record<Lang, string>;
  body: Record<Lang, SafeHtml>;
}

/** Guides, in reading order. Slugs are shared by both languages. */
export const GUIDES: readonly Guide[] = [
  {
    slug: 'truoc-khi-chia-se',
    title: { vi: 'Năm câu hỏi trước khi chia sẻ', en: 'Five questions before you share' },
    summary: {
      vi: 'Dừng lại vài giây: ai nói, nói ở đâu, khi nào, có bằng chứng gì, và ai được lợi.',
      en: 'Pause for a few seconds: who says it, where, when, with what evidence, and who gains.',
    },
    body: {
      vi: html`<ol>
          <li>
            <strong>Ai là người nói?</strong> Tin có ghi nguồn cụ thể không — cơ quan, người có tên
            tuổi, văn bản có số hiệu? "Nghe nói", "bạn của người quen" không phải là nguồn.
          </li>
          <li>
            <strong>Tin xuất hiện lần đầu ở đâu?</strong> Tìm bài gốc thay vì ảnh chụp màn hình. Ảnh
            chụp màn hình rất dễ bị cắt ghép.
          </li>
          <li>
            <strong>Khi nào?</strong> Nhiều tin cũ được đăng lại như tin mới. Xem ngày đăng của bài
            gốc.
          </li>
          <li>
            <strong>Bằng chứng là gì?</strong> Con số có nguồn không? Văn bản có trên cổng thông tin
            chính thức không?
          </li>
          <li>
            <strong>Tin muốn bạn cảm thấy gì?</strong> Tin khiến bạn sợ hãi hay tức giận ngay lập
            tức thường được viết ra để bị chia sẻ nhanh. Đó là lúc nên chậm lại.
          </li>
        </ol>
        <p>
          Nếu vẫn còn nghi ngờ, hãy <a href="/kiem-tra-nhanh">kiểm tra nhanh</a> hoặc
          <a href="/gui-tin">gửi tin cho chúng tôi</a> — và đừng chia sẻ khi chưa chắc chắn.
        </p>`,
      en: html`<ol>
          <li>
            <strong>Who says it?</strong> Does it name a source — an office, a named person, a
            document with a number? "I heard" or "a friend of a friend" is not a source.
          </li>
          <li>
            <strong>Where did it first appear?</strong> Look for the original rather than a
            screenshot; screenshots are easy to crop and edit.
          </li>
          <li>
            <strong>When?</strong> Old stories are often reposted as new. Check the date of the
            original.
          </li>
          <li>
            <strong>What is the evidence?</strong> Do the figures have a source? Is the document on
            an official portal?
          </li>
          <li>
            <strong>How does it want you to feel?</strong> Posts that make you instantly afraid or
            angry are often written to be shared fast. That is the moment to slow down.
          </li>
        </ol>
        <p>
          Still unsure? Use the <a href="/en/quick-check">quick check</a> or
          <a href="/en/send-a-tip">send it to us</a> — and do not share it until you are sure.
        </p>`,
    },
  },
  {
    slug: 'hinh-anh-va-video',
    title: { vi: 'Kiểm tra hình ảnh và video', en: 'Checking pictures and videos' },
    summary: {
      vi: 'Ảnh thật có thể bị gán sai bối cảnh. Tìm ảnh gốc, đối chiếu địa điểm và thời gian.',
      en: 'A real photo can be put in the wrong context. Find the original, check place and time.',
    },
    body: {
      vi: html`<p>
          Phần lớn hình ảnh gây hiểu nhầm không phải ảnh giả mà là
          <strong>ảnh thật bị gán sai bối cảnh</strong>: ảnh lũ năm trước, ảnh ở nước khác, ảnh diễn
          tập.
        </p>
        <ul>
          <li>
            <strong>Tìm ảnh gốc</strong> bằng công cụ tìm kiếm hình ảnh ngược; kết quả cũ nhất
            thường gần với nguồn gốc.
          </li>
          <li>
            <strong>Đối chiếu địa điểm</strong>: biển hiệu, ngôn ngữ, biển số xe, kiến trúc, cây cối
            có khớp với nơi được nói đến không?
          </li>
          <li>
            <strong>Đối chiếu thời gian</strong>: thời tiết, mùa, sự kiện được nhắc tới có khớp với
            ngày được nói đến không?
          </li>
          <li>
            <strong>Video</strong>: tách vài khung hình rõ rồi tìm như với ảnh; nghe kỹ giọng nói và
            tiếng động nền.
          </li>
          <li>
            <strong>Ảnh, giọng nói tạo bằng máy</strong>: để ý bàn tay, chữ viết, bóng đổ, khẩu hình
            không khớp lời nói.
          </li>
        </ul>`,
      en: html`<p>
          Most misleading pictures are not fakes but
          <strong>real pictures in the wrong context</strong>: last year's flood, another country, a
          drill.
        </p>
        <ul>
          <li>
            <strong>Find the original</strong> with a reverse image search; the oldest result is
            usually closest to the source.
          </li>
          <li>
            <strong>Check the place</strong>: do signs, language, number plates, buildings and
            plants match the place claimed?
          </li>
          <li>
            <strong>Check the time</strong>: do the weather, the season and the events match the
            date claimed?
          </li>
          <li>
            <strong>Videos</strong>: take a few clear frames and search them like pictures; listen
            to voices and background sounds.
          </li>
          <li>
            <strong>Generated pictures and voices</strong>: look at hands, lettering, shadows, lips
            out of step with the words.
          </li>
        </ul>`,
    },
  },
  {
    slug: 'nguon-chinh-thuc',
    title: { vi: 'Tìm nguồn chính thức', en: 'Finding the official source' },
    summary: {
      vi: 'Văn bản, số liệu và thông báo chính thức đều có nơi công bố. Tìm đến đó thay vì tin lời kể.',
      en: 'Official documents, figures and notices are published somewhere. Go there instead of trusting hearsay.',
    },
    body: {
      vi: html`<ul>
        <li>
          <strong>Văn bản pháp luật</strong> có số hiệu, ngày ban hành và cơ quan ban hành; tra trên
          cơ sở dữ liệu văn bản pháp luật và cổng thông tin của cơ quan đó.
        </li>
        <li>
          <strong>Thông báo của chính quyền địa phương</strong> được đăng trên cổng thông tin điện
          tử của tỉnh, xã; từ 1/7/2025 nhiều đơn vị hành chính đã sáp nhập, hãy kiểm tra tên đơn vị
          hiện tại.
        </li>
        <li>
          <strong>Số liệu</strong> (giá cả, dịch bệnh, thời tiết) có cơ quan chuyên trách công bố;
          so sánh với số liệu gốc, chú ý đơn vị và kỳ so sánh.
        </li>
        <li>
          <strong>Đường dẫn giả mạo</strong>: kiểm tra kỹ tên miền; trang giả thường thêm, bớt hoặc
          đổi một ký tự.
        </li>
      </ul>`,
      en: html`<ul>
        <li>
          <strong>Legal documents</strong> have a number, a date and an issuing body; look them up
          in the official legal database and on that body's portal.
        </li>
        <li>
          <strong>Local government notices</strong> are published on the province's and commune's
          portals; since 1 July 2025 many administrative units have merged, so check the current
          name.
        </li>
        <li>
          <strong>Figures</strong> (prices, outbreaks, weather) come from a responsible agency;
          compare with the original, minding units and periods.
        </li>
        <li>
          <strong>Look-alike links</strong>: read the domain carefully; fake sites often add, drop
          or swap one character.
        </li>
      </ul>`,
    },
  },
];

const RATING_ORDER: Rating[] = ['true', 'misleading', 'unproven', 'false', 'not_checkable'];

/** The rating scale as a definition list, shared by the methodology page. */
export function ratingScale(lang: Lang): SafeHtml {
  return html`<dl>
    ${RATING_ORDER.map((rating) => {
      const info = RATING_INFO[rating];
      return html`<dt><span class="badge r-${rating}">${info[lang]}</span></dt>
        <dd>${lang === 'vi' ? info.descVi : info.descEn}</dd>`;
    })}
  </dl>`;
}

/** The about page's body. */
export function aboutBody(lang: Lang, publisher: string): SafeHtml {
  return lang === 'vi'
    ? html`<p>
          Kiểm Chứng là nơi ${publisher} trả lời công khai các tin đồn và thông tin sai sự thật:
          tiếp nhận những gì người dân thấy, nhận ra điều đã được trả lời, kiểm chứng phần còn lại
          với bằng chứng, và công bố câu trả lời ở nơi mọi người tìm thấy.
        </p>
        <h2>Nguyên tắc</h2>
        <ul>
          <li>
            <strong>Kiểm chứng nhận định, không kiểm chứng con người.</strong> Chúng tôi không lập
            hồ sơ về người đăng tin và không công bố tên tài khoản.
          </li>
          <li>
            <strong>Bằng chứng trước kết luận.</strong> Mỗi kết luận đều dẫn bằng chứng và được một
            người thứ hai duyệt trước khi công bố.
          </li>
          <li>
            <strong>Minh bạch khi sai.</strong> Mọi thay đổi sau khi công bố đều được ghi trong nhật
            ký đính chính, có ngày tháng.
          </li>
          <li>
            <strong>Tôn trọng người gửi tin.</strong> Không cần tài khoản; đầu mối liên hệ là tuỳ
            chọn, được mã hoá và tự động xoá.
          </li>
        </ul>
        <p>Xem thêm <a href="/phuong-phap">phương pháp và thang đánh giá</a>.</p>`
    : html`<p>
          Kiểm Chứng is where ${publisher} answers rumours and misinformation in public: it takes in
          what people see, recognises what was already answered, checks the rest with evidence, and
          publishes the answer where people find it.
        </p>
        <h2>Principles</h2>
        <ul>
          <li>
            <strong>Claims, not people.</strong> We keep no profiles of posters and publish no
            account names.
          </li>
          <li>
            <strong>Evidence before verdict.</strong> Every verdict cites its evidence and is
            approved by a second person before publication.
          </li>
          <li>
            <strong>Open about mistakes.</strong> Every change after publication is recorded, with
            its date, in the corrections log.
          </li>
          <li>
            <strong>Respect for tipsters.</strong> No account needed; contact details are optional,
            encrypted and deleted automatically.
          </li>
        </ul>
        <p>See also the <a href="/en/methodology">methodology and rating scale</a>.</p>`;
}

/** The methodology page's body. */
export function methodologyBody(lang: Lang): SafeHtml {
  return lang === 'vi'
    ? html`<h2>Chúng tôi chọn kiểm chứng điều gì</h2>
        <p>
          Chúng tôi ưu tiên các nhận định lan truyền rộng, lan nhanh, hoặc có thể gây hại cho sức
          khoẻ, tài sản và an toàn của người dân. Ý kiến và dự đoán không được đánh giá đúng hay
          sai.
        </p>
        <h2>Quy trình</h2>
        <ol>
          <li>Tiếp nhận và gộp các tin trùng nhau.</li>
          <li>
            Tìm nguồn gốc của nhận định và lưu bản sao các trang làm bằng chứng (có mã băm và thời
            điểm lưu).
          </li>
          <li>Liên hệ cơ quan, chuyên gia có thẩm quyền khi cần.</li>
          <li>Biên tập viên viết kết luận; một người thứ hai duyệt trước khi công bố.</li>
        </ol>
        <h2>Thang đánh giá</h2>
        ${ratingScale(lang)}
        <h2>Chính sách đính chính</h2>
        <p>
          Khi phát hiện sai sót hoặc có bằng chứng mới, chúng tôi sửa kết quả và ghi rõ lý do, ngày
          sửa trong nhật ký đính chính ở cuối trang kết quả. Chúng tôi không xoá lặng lẽ. Nếu bạn
          thấy sai sót, hãy <a href="/gui-tin">gửi cho chúng tôi</a>.
        </p>`
    : html`<h2>What we choose to check</h2>
        <p>
          We give priority to claims that spread widely or fast, or that could harm people's health,
          property or safety. Opinions and predictions are not rated true or false.
        </p>
        <h2>How we work</h2>
        <ol>
          <li>We take in reports and group duplicates.</li>
          <li>
            We trace the claim to its origin and store copies of the pages we cite (with a hash and
            the time stored).
          </li>
          <li>We ask the competent body or an expert when needed.</li>
          <li>An editor writes the verdict; a second person approves it before publication.</li>
        </ol>
        <h2>Rating scale</h2>
        ${ratingScale(lang)}
        <h2>Corrections policy</h2>
        <p>
          When we find a mistake or new evidence, we change the check and record why and when in the
          corrections log at the end of the check. We never delete quietly. If you see a mistake,
          <a href="/en/send-a-tip">tell us</a>.
        </p>`;
}
